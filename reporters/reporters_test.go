package reporters

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
	"github.com/infragate/infragate/engine"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

// render writes r in format and fails the test on error.
func render(t *testing.T, format string, r *engine.Report, opts Options) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := Write(&buf, format, r, opts); err != nil {
		t.Fatalf("Write(%s): %v", format, err)
	}
	return buf.Bytes()
}

// goldenOpts are the options the golden files are rendered with.
func goldenOpts() Options {
	return Options{ToolVersion: "1.2.3", Markdown: MarkdownOptions{Heading: "### infragate", Verdict: "❌ **Blocked**: 3 findings block this change."}}
}

func TestGolden(t *testing.T) {
	cases := map[string]Options{}
	for _, f := range Formats() {
		cases[f] = goldenOpts()
	}
	colored := goldenOpts()
	colored.Color = true
	cases["text-color"] = colored
	cases["table-color"] = colored
	capped := goldenOpts()
	capped.MaxAnnotations = 3
	cases["github-capped"] = capped

	for name, opts := range cases {
		t.Run(name, func(t *testing.T) {
			format, _, _ := strings.Cut(name, "-")
			got := render(t, format, fixture(), opts)
			checkGolden(t, name, got)
		})
	}
}

func TestGoldenEmpty(t *testing.T) {
	for _, format := range Formats() {
		t.Run(format, func(t *testing.T) {
			r := &engine.Report{Summary: engine.Summary{Files: 2, Documents: 2}}
			checkGolden(t, "empty-"+format, render(t, format, r, goldenOpts()))
		})
	}
}

func checkGolden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", "golden", name+".golden")
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./reporters -update)", err)
	}
	if diff := cmp.Diff(string(want), string(got)); diff != "" {
		t.Errorf("%s differs from %s (-want +got):\n%s", name, path, diff)
	}
}

// TestDeterministic renders every format twice, the second time from a
// report with its findings and rules in reverse order, and wants the same
// bytes.
func TestDeterministic(t *testing.T) {
	for _, format := range Formats() {
		t.Run(format, func(t *testing.T) {
			first := render(t, format, fixture(), goldenOpts())
			r := fixture()
			for i, j := 0, len(r.Findings)-1; i < j; i, j = i+1, j-1 {
				r.Findings[i], r.Findings[j] = r.Findings[j], r.Findings[i]
			}
			for i, j := 0, len(r.Rules)-1; i < j; i, j = i+1, j-1 {
				r.Rules[i], r.Rules[j] = r.Rules[j], r.Rules[i]
			}
			second := render(t, format, r, goldenOpts())
			if !bytes.Equal(first, second) {
				t.Errorf("two runs differ:\n%s", cmp.Diff(string(first), string(second)))
			}
		})
	}
}

// TestDoesNotMutate checks that no reporter changes the caller's report.
func TestDoesNotMutate(t *testing.T) {
	for _, format := range Formats() {
		r := fixture()
		render(t, format, r, goldenOpts())
		if diff := cmp.Diff(fixture(), r); diff != "" {
			t.Errorf("%s changed the report:\n%s", format, diff)
		}
	}
}

func TestNilReport(t *testing.T) {
	for _, format := range Formats() {
		if out := render(t, format, nil, Options{}); len(out) == 0 {
			t.Errorf("%s: no output for a nil report", format)
		}
	}
}

func TestFormats(t *testing.T) {
	want := []string{"github", "gitlab", "json", "junit", "markdown", "sarif", "table", "tap", "text"}
	if diff := cmp.Diff(want, Formats()); diff != "" {
		t.Errorf("Formats() (-want +got):\n%s", diff)
	}
}

func TestWriteUnknownFormat(t *testing.T) {
	err := Write(&bytes.Buffer{}, "xml", fixture(), Options{})
	if err == nil {
		t.Fatal("Write(xml) succeeded")
	}
	for _, name := range Formats() {
		if !strings.Contains(err.Error(), name) {
			t.Errorf("error %q does not list %q", err, name)
		}
	}
}

func TestParseOutputSpec(t *testing.T) {
	tests := []struct {
		spec, format, file string
		wantErr            bool
	}{
		{spec: "text", format: "text"},
		{spec: "stdout", format: "text"}, // conftest's name
		{spec: "sarif=results.sarif", format: "sarif", file: "results.sarif"},
		{spec: "junit=out/report=1.xml", format: "junit", file: "out/report=1.xml"},
		{spec: "json=", wantErr: true},
		{spec: "", wantErr: true},
		{spec: "=x", wantErr: true},
		{spec: "yaml=x.yaml", wantErr: true},
	}
	for _, tt := range tests {
		format, file, err := ParseOutputSpec(tt.spec)
		if (err != nil) != tt.wantErr {
			t.Errorf("ParseOutputSpec(%q) error = %v, want error %v", tt.spec, err, tt.wantErr)
			continue
		}
		if format != tt.format || file != tt.file {
			t.Errorf("ParseOutputSpec(%q) = %q, %q; want %q, %q", tt.spec, format, file, tt.format, tt.file)
		}
	}
}

func TestTextNoColorByDefault(t *testing.T) {
	out := render(t, "text", fixture(), Options{})
	if bytes.ContainsRune(out, 0x1b) {
		t.Errorf("text without Color contains an escape character:\n%s", out)
	}
	colored := render(t, "text", fixture(), Options{Color: true})
	if !bytes.Contains(colored, []byte(ansiRed+"FAILURE")) {
		t.Errorf("text with Color has no red FAILURE:\n%s", colored)
	}
}

// TestTextLines checks that every line of the text output that is not a
// continuation, blank or summary starts with the file:line of a finding, so
// a message cannot forge a finding line.
func TestTextLines(t *testing.T) {
	out := string(render(t, "text", fixture(), Options{}))
	lines := strings.Split(strings.TrimRight(out, "\n"), "\n")
	findingLines := 0
	for _, l := range lines[:len(lines)-1] {
		switch {
		case l == "", strings.HasPrefix(l, "    "), strings.HasPrefix(l, "deleted, not evaluated: "):
		case strings.HasPrefix(l, "infra/main.tf:"), strings.HasPrefix(l, "k8s/app deploy ü.yaml:"), strings.HasPrefix(l, "broken/bad,file:1.tf:"):
			findingLines++
		default:
			t.Errorf("unexpected line %q", l)
		}
	}
	if findingLines != len(fixture().Findings) {
		t.Errorf("%d finding lines, want %d", findingLines, len(fixture().Findings))
	}
	want := "3 files, 4 documents, 5 failures, 1 warning, 1 exception, 1 error, 1 waived, 3 blocking"
	if got := lines[len(lines)-1]; got != want {
		t.Errorf("summary line = %q, want %q", got, want)
	}
	if strings.ContainsRune(out, 0x1b) || strings.Contains(out, "\r") {
		t.Errorf("control characters reach the text output")
	}
}

// TestInvalidUTF8Escaped checks that bytes that are not UTF-8 in a file
// name or a message (Linux file names may hold any byte) reach the
// line-oriented formats as \xNN, never raw: a lone 0x9b is CSI, the start
// of an escape sequence, to a terminal reading 8-bit controls. They went
// out raw when the string held no other control character.
func TestBidiEscaped(t *testing.T) {
	// A value that reaches a message must not reorder how the message
	// displays ("Trojan Source"): bidirectional formatting characters are
	// written as \uXXXX where people read the output. A file name stays
	// exact where a tool uses it to find the file (JUnit's file, GitLab's
	// path), and JSON and SARIF keep every value as it is.
	f := engine.Finding{Level: engine.LevelFailure, ID: "r", File: "b\u2067.yaml", StartLine: 1, EndLine: 1,
		Message: "bucket \u202elatot-cilbup\u202c is private", Blocking: true}
	r := &engine.Report{Findings: []engine.Finding{f}}
	r.Count()
	for _, format := range []string{"text", "table", "tap", "github", "markdown", "junit", "gitlab"} {
		out := render(t, format, r, Options{})
		if format == "junit" || format == "gitlab" {
			out = bytes.ReplaceAll(out, []byte(f.File), nil)
		}
		if bytes.ContainsAny(out, "\u202e\u202c\u2067") {
			t.Errorf("%s: output holds a raw bidirectional formatting character:\n%q", format, out)
		}
		if !bytes.Contains(bytes.ToLower(out), []byte(`u202e`)) {
			t.Errorf("%s: the override is not written visibly:\n%s", format, out)
		}
	}
	for _, format := range []string{"json", "sarif"} {
		if out := render(t, format, r, Options{}); !bytes.Contains(out, []byte("\u202e")) {
			t.Errorf("%s: the message is not kept as it is:\n%s", format, out)
		}
	}
}

func TestInvalidUTF8Escaped(t *testing.T) {
	f := engine.Finding{Level: engine.LevelFailure, ID: "r", File: "a\x9b31mRED\xff.yaml", StartLine: 1, EndLine: 1,
		Message: "m\x9b2J\xfe", Note: "n\x9b", Blocking: true}
	r := &engine.Report{Findings: []engine.Finding{f}, Deleted: []string{"d\x9b.yaml"}}
	r.Count()
	for _, format := range []string{"text", "table", "tap", "github", "junit", "gitlab", "markdown"} {
		out := render(t, format, r, Options{})
		if !utf8.Valid(out) || bytes.IndexByte(out, 0x9b) >= 0 {
			t.Errorf("%s: output is not UTF-8 or holds a raw 0x9b:\n%q", format, out)
		}
		if format != "markdown" && format != "junit" && format != "gitlab" && !bytes.Contains(out, []byte(`a\x9b31mRED\xff.yaml`)) {
			t.Errorf("%s: the file name is not written with \\xNN escapes:\n%s", format, out)
		}
	}
}
