package reporters

import (
	"encoding/json"
	"encoding/xml"
	"strings"
	"testing"
	"unicode"

	"github.com/infragate/infragate/engine"
)

// Hostile strings from files under review and from policies, in every
// output format: none may act as a CI log command, and the formats that are
// decoded by machines (JSON, SARIF, JUnit) must still decode to the
// original text.

var logCommandStrings = []string{
	"%0A::error::forged-by-percent",
	"first line\n::error file=x.tf,line=1::forged on a new line",
	"first line\n    ::warning::forged after indentation",
	"first line\n\u00a0\u3000::stop-commands::silenced",
	"::add-mask::at the very start",
	"legacy ##[error]forged anywhere in a line",
	"azure ##vso[task.prependpath]/tmp/evil anywhere in a line",
	"teamcity ##teamcity[setParameter name='env.PATH' value='/tmp/evil'] anywhere",
	"</details><details><summary>@everyone `rm -rf /` <!-- hidden -->",
	"line\n/approve\n/merge",
}

func logCommandReport() *engine.Report {
	r := &engine.Report{}
	for i, s := range logCommandStrings {
		r.Findings = append(r.Findings, engine.Finding{
			Level: engine.LevelFailure, ID: "rule-" + string(rune('a'+i)), Message: s,
			File: "dir/" + strings.ReplaceAll(s, "/", "_") + ".yaml", StartLine: i + 1, EndLine: i + 1, Blocking: true,
		})
	}
	r.Count()
	return r
}

// runsAsCommand reports whether a CI would treat a log line as a command:
// GitHub's runner reads "::" after leading white space (.NET's TrimStart,
// which trims Unicode white space) and the legacy "##[" anywhere; the
// Azure Pipelines agent reads "##vso[" and TeamCity "##teamcity[" anywhere.
func runsAsCommand(line string) bool {
	return strings.HasPrefix(strings.TrimLeftFunc(line, unicode.IsSpace), "::") ||
		strings.Contains(line, "##[") || strings.Contains(line, "##vso[") || strings.Contains(line, "##teamcity[")
}

func TestNoFormatForgesLogCommands(t *testing.T) {
	r := logCommandReport()
	for _, format := range Formats() {
		t.Run(format, func(t *testing.T) {
			out := string(render(t, format, r, Options{ToolVersion: "test"}))
			commands := 0
			for _, line := range strings.Split(out, "\n") {
				if !runsAsCommand(line) {
					continue
				}
				if format != "github" {
					t.Errorf("line runs as a workflow command: %q", line)
					continue
				}
				// The github format's own commands, one per finding, with
				// every value escaped.
				commands++
				if !strings.HasPrefix(line, "::error file=dir/") {
					t.Errorf("unexpected command: %q", line)
				}
			}
			if format == "github" && commands != len(logCommandStrings) {
				t.Errorf("%d commands, want one per finding (%d)", commands, len(logCommandStrings))
			}
		})
	}
}

// TestMachineFormatsKeepTheText: the escapes are transparent to a decoder.
func TestMachineFormatsKeepTheText(t *testing.T) {
	r := logCommandReport()
	var doc struct {
		Findings []struct {
			File    string `json:"file"`
			Message string `json:"message"`
		} `json:"findings"`
	}
	if err := json.Unmarshal(render(t, "json", r, Options{}), &doc); err != nil {
		t.Fatal(err)
	}
	got := map[string]bool{}
	for _, f := range doc.Findings {
		got[f.Message] = true
		got[f.File] = true
	}
	for _, f := range r.Findings {
		if !got[f.Message] || !got[f.File] {
			t.Errorf("json lost %q or %q", f.Message, f.File)
		}
	}

	var sarif struct {
		Runs []struct {
			Results []struct {
				Message struct {
					Text string `json:"text"`
				} `json:"message"`
			} `json:"results"`
		} `json:"runs"`
	}
	if err := json.Unmarshal(render(t, "sarif", r, Options{ToolVersion: "test"}), &sarif); err != nil {
		t.Fatal(err)
	}
	texts := ""
	for _, res := range sarif.Runs[0].Results {
		texts += res.Message.Text + "\n"
	}
	if !strings.Contains(texts, "legacy ##[error]forged anywhere in a line") || !strings.Contains(texts, "azure ##vso[task.prependpath]") {
		t.Errorf("sarif messages lost the original text:\n%s", texts)
	}

	var junit struct {
		Inner string `xml:",innerxml"`
	}
	junitOut := render(t, "junit", r, Options{})
	if err := xml.Unmarshal(junitOut, &junit); err != nil {
		t.Fatalf("junit is not XML: %v", err)
	}
	dec := xml.NewDecoder(strings.NewReader(string(junitOut)))
	var chars strings.Builder
	for {
		tok, err := dec.Token()
		if err != nil {
			break
		}
		switch x := tok.(type) {
		case xml.CharData:
			chars.Write(x)
		case xml.StartElement:
			for _, a := range x.Attr {
				chars.WriteString(a.Value + "\n")
			}
		}
	}
	if !strings.Contains(chars.String(), "legacy ##[error]forged") || !strings.Contains(chars.String(), "##teamcity[setParameter") {
		t.Errorf("junit lost the original text")
	}
}

// TestDefuserMatchesWhole checks that defusing a report while it is written,
// in pieces of any size, gives the bytes of defusing it whole.
func TestDefuserMatchesWhole(t *testing.T) {
	text := strings.Join(logCommandStrings, "\n") + "\n  ::x\r\n##[##[\n\u3000::y\nno newline at the end ::z ##["
	for _, format := range []string{"json", "junit", "markdown", "text", "github"} {
		want := string(defuseLogCommands(format, []byte(text)))
		for _, size := range []int{1, 2, 3, 7, 64, len(text)} {
			var out strings.Builder
			d := &defuser{w: &out, format: format}
			for i := 0; i < len(text); i += size {
				n, err := d.Write([]byte(text[i:min(i+size, len(text))]))
				if err != nil || n != min(size, len(text)-i) {
					t.Fatalf("Write = %d, %v", n, err)
				}
			}
			if err := d.Close(); err != nil {
				t.Fatal(err)
			}
			if out.String() != want {
				t.Errorf("%s in pieces of %d:\n got %q\nwant %q", format, size, out.String(), want)
			}
		}
	}
}

// TestLogSafe: text from files and policies printed to a build log keeps
// its lines but cannot start a workflow command, run an Azure or TeamCity
// command, or send a terminal escape.
func TestLogSafe(t *testing.T) {
	for in, want := range map[string]string{
		"plain.toml":                        "plain.toml",
		"a\n::error::forged.toml":           "a\n\\x3a:error::forged.toml",
		"  ::add-mask::x":                   "  \\x3a:add-mask::x",
		"b##vso[task.setvariable x]1.toml":  "b##vso\\x5btask.setvariable x]1.toml",
		"c##[set-env name=x]":               "c##\\x5bset-env name=x]",
		"d\x1b[31mred\xff.xml":              "d\\x1b[31mred\\xff.xml",
		"policy error:\n\t}\n\t^":           "policy error:\n\t}\n\t^",
		"x::error:: in the middle is inert": "x::error:: in the middle is inert",
	} {
		if got := LogSafe(in); got != want {
			t.Errorf("LogSafe(%q) = %q, want %q", in, got, want)
		}
	}
	if got, want := LogSafeLine("a\n::error::x"), "a\\x0a::error::x"; got != want {
		t.Errorf("LogSafeLine = %q, want %q", got, want)
	}
}
