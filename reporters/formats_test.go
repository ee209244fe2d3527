package reporters

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
	"github.com/infragate/infragate/engine"
	"github.com/infragate/infragate/parsers"
)

// hostileFinding puts a hostile string in every field a reporter prints.
func hostileFinding(s string) engine.Finding {
	return engine.Finding{
		Level: engine.LevelFailure, ID: s, Title: s, Rule: "data.main.deny", Message: s, File: s,
		StartLine: 1, EndLine: 2, Blocking: true, Note: s, Resource: s,
		Waiver: &engine.Waiver{Source: s, Reason: s, Owner: s, Expired: true},
	}
}

var hostileStrings = []string{
	hostile,
	"%0A::error::forged",
	"a\nb\r\nc\r::error file=x,line=1::forged",
	"</details><!-- -->",
	"@everyone @here",
	"```\n# heading\n| a | b |",
	"/approve\n/merge",
	"x:y,z=w%25",
	"\x00\x1b]8;;https://evil\x07link\x1b]8;;\x07",
}

// TestGitHubEscaping checks that a hostile string cannot add, end or
// change a workflow command: every output line is one of ours, and the
// escaped values decode back to the original.
func TestGitHubEscaping(t *testing.T) {
	for _, s := range hostileStrings {
		r := &engine.Report{Findings: []engine.Finding{hostileFinding(s)}}
		out := string(render(t, "github", r, Options{}))
		lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
		if len(lines) != 2 {
			t.Errorf("%q: %d lines, want 2:\n%s", s, len(lines), out)
			continue
		}
		cmd := lines[0]
		if !strings.HasPrefix(cmd, "::error file=") {
			t.Errorf("%q: first line is not our command: %s", s, cmd)
		}
		if !strings.HasPrefix(lines[1], "infragate: ") {
			t.Errorf("%q: summary line is %q", s, lines[1])
		}
		// Exactly two "::" separators are ours; properties hold no ':' or ','
		// of their own.
		head, data, ok := strings.Cut(strings.TrimPrefix(cmd, "::"), "::")
		if !ok {
			t.Fatalf("%q: no data separator in %s", s, cmd)
		}
		props := strings.Split(strings.TrimPrefix(head, "error "), ",")
		wantKeys := []string{"file", "line", "endLine", "title"}
		for i, p := range props {
			k, v, _ := strings.Cut(p, "=")
			if i >= len(wantKeys) || k != wantKeys[i] {
				t.Errorf("%q: property %d is %q", s, i, p)
			}
			if strings.ContainsAny(v, ":\r\n") {
				t.Errorf("%q: property %s keeps a raw separator: %q", s, k, v)
			}
		}
		if strings.ContainsAny(data, "\r\n") || strings.ContainsFunc(data, isControl) {
			t.Errorf("%q: data keeps a raw control character: %q", s, data)
		}
		// Newlines survive (escaped); other control characters are shown.
		want := strings.NewReplacer(`\x0a`, "\n", `\x0d`, "\r").Replace(visibleControls(s))
		file := strings.TrimPrefix(props[0], "file=")
		if got := unescapeWorkflow(file); got != want {
			t.Errorf("file property decodes to %q, want %q", got, want)
		}
		if got := unescapeWorkflow(data); !strings.HasPrefix(got, want+"\n") {
			t.Errorf("data decodes to %q, want it to start with %q", got, want)
		}
	}
}

// unescapeWorkflow reverses the workflow command escapes, as the runner does.
func unescapeWorkflow(s string) string {
	return strings.NewReplacer("%0D", "\r", "%0A", "\n", "%3A", ":", "%2C", ",", "%25", "%").Replace(s)
}

func TestGitHubLevels(t *testing.T) {
	out := string(render(t, "github", fixture(), Options{}))
	var got []string
	for _, l := range strings.Split(out, "\n") {
		if cmd, _, ok := strings.Cut(l, " "); ok && strings.HasPrefix(cmd, "::") {
			got = append(got, strings.TrimPrefix(cmd, "::"))
		}
	}
	want := []string{"error", "error", "error", "warning", "notice", "notice", "notice"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("levels, most severe first (-want +got):\n%s", diff)
	}
}

// TestMarkdownEscaping checks that no hostile string can close the HTML of
// a comment, ping anyone, start a quick action or add table rows.
func TestMarkdownEscaping(t *testing.T) {
	for _, s := range hostileStrings {
		f := hostileFinding(s)
		r := &engine.Report{Findings: []engine.Finding{f}, Deleted: []string{s}}
		body := MarkdownBody(r, MarkdownOptions{Heading: "### infragate"})
		for _, bad := range []string{"</details><", "<!--", "@everyone", "@here", "```", "\r", "\x00", "\x1b"} {
			if strings.Contains(s, bad) && strings.Contains(body, bad) {
				t.Errorf("%q: body contains %q:\n%s", s, bad, body)
			}
		}
		if strings.Count(body, "<details>") != strings.Count(body, "</details>") {
			t.Errorf("%q: unbalanced <details>:\n%s", s, body)
		}
		rows := 0
		for _, l := range strings.Split(body, "\n") {
			if strings.HasPrefix(l, "/") || strings.HasPrefix(l, "#") && !strings.HasPrefix(l, "### infragate") {
				t.Errorf("%q: line %q starts a quick action or heading", s, l)
			}
			if strings.HasPrefix(l, "| ") && !strings.HasPrefix(l, "| Level") && !strings.HasPrefix(l, "| ---") {
				rows++
				if cells := countCells(l); cells != 4 {
					t.Errorf("%q: row has %d cells: %s", s, cells, l)
				}
			}
		}
		if rows != 1 {
			t.Errorf("%q: %d table rows, want 1:\n%s", s, rows, body)
		}
	}
}

// countCells counts the cells of a GFM table row (unescaped pipes).
func countCells(row string) int {
	n := 0
	for i := 1; i < len(row); i++ {
		if row[i] == '|' && row[i-1] != '\\' {
			n++
		}
	}
	return n
}

func TestMarkdownMaxLength(t *testing.T) {
	r := &engine.Report{}
	for i := range 200 {
		r.Findings = append(r.Findings, engine.Finding{
			Level: engine.LevelFailure, ID: "rule", Message: strings.Repeat("long message ", 5),
			File: fmt.Sprintf("file%03d.tf", i), StartLine: 1, EndLine: 1, Blocking: true,
		})
	}
	r.Count()
	full := MarkdownBody(r, MarkdownOptions{})
	for _, limit := range []int{200, 1000, 5000, len(full) - 1} {
		body := MarkdownBody(r, MarkdownOptions{Heading: "### infragate", MaxLength: limit})
		if len(body) > limit {
			t.Errorf("limit %d: body is %d bytes", limit, len(body))
		}
		shown := strings.Count(body, "| file")
		want := fmt.Sprintf("… %d more %s not shown", 200-shown, pluralWord(200-shown, "finding"))
		if !strings.Contains(body, want) {
			t.Errorf("limit %d: no %q in:\n%s", limit, want, body[max(0, len(body)-300):])
		}
	}
	if body := MarkdownBody(r, MarkdownOptions{MaxLength: len(full)}); body != full {
		t.Error("a body that fits exactly was cut")
	}
	if body := MarkdownBody(r, MarkdownOptions{Heading: strings.Repeat("é", 100), MaxLength: 50}); len(body) > 50 || !strings.Contains(body, "cut") {
		t.Errorf("tiny limit: %q", body)
	}
}

// TestMarkdownMaxLengthDeleted checks that a long list of deleted files
// gives way to the findings: it is cut first, says how many files it
// leaves out, and its <details> is closed. It had pushed every finding out
// of a pull request comment and cut the body in the middle of the list.
func TestMarkdownMaxLengthDeleted(t *testing.T) {
	r := &engine.Report{}
	for i := range 5 {
		r.Findings = append(r.Findings, engine.Finding{
			Level: engine.LevelFailure, ID: "rule", Message: "bad", File: "main.tf",
			StartLine: i + 1, EndLine: i + 1, Blocking: true,
		})
	}
	for i := range 3000 {
		r.Deleted = append(r.Deleted, fmt.Sprintf("deleted/dir/file-%04d.yaml", i))
	}
	r.Count()
	const limit = 65536
	body := MarkdownBody(r, MarkdownOptions{Heading: "### infragate", MaxLength: limit})
	if len(body) > limit {
		t.Errorf("body is %d bytes, limit %d", len(body), limit)
	}
	if n := strings.Count(body, "| main.tf:"); n != 5 {
		t.Errorf("%d of 5 findings shown", n)
	}
	listed := strings.Count(body, "\n- deleted/")
	if listed == 0 || listed == 3000 {
		t.Errorf("%d of 3000 deleted files listed", listed)
	}
	if want := fmt.Sprintf("… %d more files not listed", 3000-listed); !strings.Contains(body, want) {
		t.Errorf("no %q in:\n%s", want, body[max(0, len(body)-300):])
	}
	if strings.Count(body, "<details>") != strings.Count(body, "</details>") {
		t.Errorf("<details> left open:\n%s", body[max(0, len(body)-300):])
	}
	if strings.Contains(body, "cut to fit") || strings.Contains(body, "not shown") {
		t.Errorf("findings left out or body cut:\n%s", body[max(0, len(body)-300):])
	}
}

// TestMarkdownMaxLengthUTF8 checks that a body cut to any limit, however
// small, is valid UTF-8.
func TestMarkdownMaxLengthUTF8(t *testing.T) {
	r := fixture()
	for limit := 1; limit < 200; limit++ {
		body := MarkdownBody(r, MarkdownOptions{Heading: strings.Repeat("é", 100), MaxLength: limit})
		if len(body) > limit || !utf8.ValidString(body) {
			t.Errorf("limit %d: %q", limit, body)
		}
	}
}

func TestEscapeMarkdownInline(t *testing.T) {
	tests := map[string]string{
		"plain text":          "plain text",
		"a|b":                 `a\|b`,
		"`code`":              "\\`code\\`",
		"</details>":          "&lt;/details&gt;",
		"@everyone":           "@\u200deveryone",
		"/approve":            `\/approve`,
		"a\n/merge":           `a<br>\/merge`,
		"path/to/file":        "path/to/file",
		"[x](javascript:a)":   `\[x\](javascript:a)`,
		"**bold** _it_ ~s~ $": `\*\*bold\*\* \_it\_ \~s\~ \$`,
		"&lt;":                "&amp;lt;",
	}
	for in, want := range tests {
		if got := escapeMarkdownInline(in); got != want {
			t.Errorf("escapeMarkdownInline(%q) = %q, want %q", in, got, want)
		}
	}
	if got, want := escapeMarkdownBlock("# h\n- item\n1. one\n/cmd"), "\\# h\n\\- item\n1\\. one\n\\/cmd"; got != want {
		t.Errorf("escapeMarkdownBlock = %q, want %q", got, want)
	}
}

// TestJSONContract checks the documented keys, types and the empty array.
func TestJSONContract(t *testing.T) {
	var doc map[string]any
	if err := json.Unmarshal(render(t, "json", fixture(), Options{}), &doc); err != nil {
		t.Fatal(err)
	}
	if doc["format_version"] != "1" {
		t.Errorf("format_version = %v", doc["format_version"])
	}
	sum := doc["summary"].(map[string]any)
	for _, k := range []string{"files", "documents", "failures", "warnings", "exceptions", "errors"} {
		if _, ok := sum[k].(float64); !ok {
			t.Errorf("summary.%s missing or not a number", k)
		}
	}
	fs := doc["findings"].([]any)
	if len(fs) != len(fixture().Findings) {
		t.Fatalf("%d findings", len(fs))
	}
	for _, k := range []string{"level", "id", "rule", "message", "file", "start_line", "end_line", "fingerprint"} {
		for i, f := range fs {
			if _, ok := f.(map[string]any)[k]; !ok {
				t.Errorf("finding %d has no %q", i, k)
			}
		}
	}
	empty := render(t, "json", &engine.Report{}, Options{})
	if !bytes.Contains(empty, []byte(`"findings": []`)) {
		t.Errorf("empty report: findings is not []:\n%s", empty)
	}
}

func TestGitLab(t *testing.T) {
	var issues []struct {
		Description string `json:"description"`
		CheckName   string `json:"check_name"`
		Fingerprint string `json:"fingerprint"`
		Severity    string `json:"severity"`
		Location    struct {
			Path  string                   `json:"path"`
			Lines struct{ Begin, End int } `json:"lines"`
		} `json:"location"`
	}
	if err := json.Unmarshal(render(t, "gitlab", fixture(), Options{}), &issues); err != nil {
		t.Fatal(err)
	}
	// The exception and the waived finding are left out.
	if len(issues) != 5 {
		t.Fatalf("%d issues, want 5", len(issues))
	}
	seen := map[string]bool{}
	valid := map[string]bool{"info": true, "minor": true, "major": true, "critical": true, "blocker": true}
	var sev []string
	for _, is := range issues {
		if is.Description == "" || is.CheckName == "" || is.Location.Path == "" || is.Location.Lines.Begin < 1 {
			t.Errorf("incomplete issue %+v", is)
		}
		if seen[is.Fingerprint] {
			t.Errorf("duplicate fingerprint %s", is.Fingerprint)
		}
		seen[is.Fingerprint] = true
		if !valid[is.Severity] {
			t.Errorf("invalid severity %q", is.Severity)
		}
		sev = append(sev, is.Severity)
	}
	if diff := cmp.Diff([]string{"blocker", "critical", "minor", "minor", "major"}, sev); diff != "" {
		t.Errorf("severities (-want +got):\n%s", diff)
	}
}

func TestTAP(t *testing.T) {
	out := string(render(t, "tap", fixture(), Options{}))
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	if lines[0] != "1..7" {
		t.Fatalf("plan = %q", lines[0])
	}
	notOK := 0
	for i, l := range lines[1:8] {
		prefix := "ok " + strconv.Itoa(i+1) + " - "
		if strings.HasPrefix(l, "not "+prefix) {
			if !strings.Contains(l, " # TODO ") {
				notOK++
			}
		} else if !strings.HasPrefix(l, prefix) {
			t.Errorf("line %d = %q", i+1, l)
		}
	}
	if notOK != fixture().Summary.Blocking {
		t.Errorf("%d failing tests, want %d (the blocking findings)", notOK, fixture().Summary.Blocking)
	}
}

type junitDoc struct {
	XMLName  xml.Name `xml:"testsuites"`
	Tests    int      `xml:"tests,attr"`
	Failures int      `xml:"failures,attr"`
	Errors   int      `xml:"errors,attr"`
	Skipped  int      `xml:"skipped,attr"`
	Suites   []struct {
		Name     string `xml:"name,attr"`
		Tests    int    `xml:"tests,attr"`
		Failures int    `xml:"failures,attr"`
		Errors   int    `xml:"errors,attr"`
		Skipped  int    `xml:"skipped,attr"`
		Time     string `xml:"time,attr"`
		Cases    []struct {
			Name      string `xml:"name,attr"`
			Classname string `xml:"classname,attr"`
			Time      string `xml:"time,attr"`
			Failure   []struct {
				Message string `xml:"message,attr"`
				Type    string `xml:"type,attr"`
				Text    string `xml:",chardata"`
			} `xml:"failure"`
			Error []struct {
				Message string `xml:"message,attr"`
				Text    string `xml:",chardata"`
			} `xml:"error"`
			Skipped   []struct{} `xml:"skipped"`
			SystemOut string     `xml:"system-out"`
		} `xml:"testcase"`
	} `xml:"testsuite"`
}

// checkJUnit re-parses a JUnit document and checks its structure: every
// count attribute matches the elements, names are set, each test case has
// at most one outcome, times are numbers. With INFRAGATE_JUNIT_XSD set it
// also validates with xmllint against that XSD.
func checkJUnit(t *testing.T, out []byte) junitDoc {
	t.Helper()
	if !bytes.HasPrefix(out, []byte(`<?xml version="1.0" encoding="UTF-8"?>`)) {
		t.Errorf("no XML declaration")
	}
	var doc junitDoc
	dec := xml.NewDecoder(bytes.NewReader(out))
	dec.Strict = true
	if err := dec.Decode(&doc); err != nil {
		t.Fatalf("not well-formed JUnit XML: %v\n%s", err, out)
	}
	var tests, failures, errors, skipped int
	if len(doc.Suites) == 0 {
		t.Error("no testsuite")
	}
	for _, s := range doc.Suites {
		var f, e, sk int
		if s.Name == "" {
			t.Error("testsuite without a name")
		}
		if _, err := strconv.ParseFloat(s.Time, 64); err != nil {
			t.Errorf("suite %s: time %q", s.Name, s.Time)
		}
		for _, c := range s.Cases {
			if c.Name == "" || c.Classname == "" {
				t.Errorf("suite %s: testcase without name or classname", s.Name)
			}
			if _, err := strconv.ParseFloat(c.Time, 64); err != nil {
				t.Errorf("case %s: time %q", c.Name, c.Time)
			}
			if n := len(c.Failure) + len(c.Error) + len(c.Skipped); n > 1 {
				t.Errorf("case %s has %d outcomes", c.Name, n)
			}
			for _, fl := range c.Failure {
				if fl.Message == "" || fl.Type == "" || fl.Text == "" {
					t.Errorf("case %s: failure without message, type or text", c.Name)
				}
			}
			f += len(c.Failure)
			e += len(c.Error)
			sk += len(c.Skipped)
		}
		if s.Tests != len(s.Cases) || s.Failures != f || s.Errors != e || s.Skipped != sk {
			t.Errorf("suite %s counts tests=%d failures=%d errors=%d skipped=%d, elements say %d %d %d %d",
				s.Name, s.Tests, s.Failures, s.Errors, s.Skipped, len(s.Cases), f, e, sk)
		}
		tests += s.Tests
		failures += f
		errors += e
		skipped += sk
	}
	if doc.Tests != tests || doc.Failures != failures || doc.Errors != errors || doc.Skipped != skipped {
		t.Errorf("testsuites counts %d/%d/%d/%d, suites add up to %d/%d/%d/%d",
			doc.Tests, doc.Failures, doc.Errors, doc.Skipped, tests, failures, errors, skipped)
	}
	if err := validateJUnitXSD(t, out); err != nil {
		t.Error(err)
	}
	return doc
}

// validateJUnitXSD validates a JUnit document with xmllint against
// testdata/junit.xsd (or the XSD named by INFRAGATE_JUNIT_XSD). Without
// xmllint it only logs, except in CI (CI=true), where .ci/run installs it
// and its absence fails.
func validateJUnitXSD(t *testing.T, out []byte) error {
	t.Helper()
	xsd := os.Getenv("INFRAGATE_JUNIT_XSD")
	if xsd == "" {
		xsd = "testdata/junit.xsd"
	}
	if _, err := exec.LookPath("xmllint"); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("xmllint is needed to validate JUnit against %s (Debian: libxml2-utils)", xsd)
		}
		t.Logf("xmllint not found: JUnit not validated against %s", xsd)
		return nil
	}
	f := t.TempDir() + "/junit.xml"
	if err := os.WriteFile(f, out, 0o644); err != nil {
		t.Fatal(err)
	}
	if b, err := exec.Command("xmllint", "--noout", "--schema", xsd, f).CombinedOutput(); err != nil {
		return fmt.Errorf("xmllint --schema %s: %v\n%s", xsd, err, b)
	}
	return nil
}

// TestJUnitXSDRejects shows the schema check can fail: documents that
// GitLab or Jenkins would misread are rejected.
func TestJUnitXSDRejects(t *testing.T) {
	if _, err := exec.LookPath("xmllint"); err != nil && os.Getenv("CI") != "true" {
		t.Skip("xmllint not installed (CI installs it)")
	}
	bad := []string{
		`<testsuites><testsuite tests="1" failures="0" errors="0"><testcase name="a" classname="b" time="0"/></testsuite></testsuites>`,
		`<testsuites><testsuite name="s" tests="x" failures="0" errors="0"/></testsuites>`,
		`<testsuites><testsuite name="s" tests="1" failures="1" errors="0"><testcase name="a" classname="b" time="0"><failure/><error/></testcase></testsuite></testsuites>`,
	}
	for _, doc := range bad {
		if validateJUnitXSD(t, []byte(`<?xml version="1.0" encoding="UTF-8"?>`+doc)) == nil {
			t.Errorf("accepted: %s", doc)
		}
	}
}

func TestJUnit(t *testing.T) {
	doc := checkJUnit(t, render(t, "junit", fixture(), Options{}))
	if len(doc.Suites) != 3 {
		t.Fatalf("%d suites, want one per file (3)", len(doc.Suites))
	}
	// Blocking: the parse error (an <error>), s3-public and privileged.
	if doc.Failures != 2 || doc.Errors != 1 {
		t.Errorf("failures=%d errors=%d, want 2 and 1", doc.Failures, doc.Errors)
	}
	parse := doc.Suites[0]
	if len(parse.Cases) != 1 || parse.Cases[0].Name != "parse-error" {
		t.Errorf("a file that did not parse should have only its parse-error case, got %+v", parse.Cases)
	}
	for _, s := range doc.Suites {
		for _, c := range s.Cases {
			for _, f := range c.Failure {
				if !strings.HasPrefix(f.Text, s.Name+":") {
					t.Errorf("failure text %q does not start with the location", f.Text)
				}
			}
		}
	}
	checkJUnit(t, render(t, "junit", &engine.Report{}, Options{}))
	for _, s := range hostileStrings {
		checkJUnit(t, render(t, "junit", &engine.Report{Findings: []engine.Finding{hostileFinding(s)}}, Options{}))
	}
}

// TestJUnitStableNames checks that a rule's testcase has the same name
// whether it passes or fails (CI systems track tests by name), and that
// the title is in the failure message.
func TestJUnitStableNames(t *testing.T) {
	names := func(r *engine.Report) map[string]string {
		out := map[string]string{}
		for _, s := range checkJUnit(t, render(t, "junit", r, Options{})).Suites {
			for _, c := range s.Cases {
				state := "pass"
				if len(c.Failure) > 0 {
					state = "fail: " + c.Failure[0].Message
				}
				out[c.Name] = state
			}
		}
		return out
	}
	rules := []engine.Rule{{ID: "s3-public", Title: "S3 bucket is public"}, {ID: "tags", Title: "Tags are required"}}
	other := engine.Finding{Level: engine.LevelFailure, ID: "tags", Title: "Tags are required", Message: "no owner tag",
		File: "main.tf", StartLine: 1, EndLine: 1, Blocking: true}
	passing := &engine.Report{Rules: rules, Findings: []engine.Finding{other}}
	failing := &engine.Report{Rules: rules, Findings: []engine.Finding{other, {
		Level: engine.LevelFailure, ID: "s3-public", Title: "S3 bucket is public", Message: "bucket b is public",
		File: "main.tf", StartLine: 3, EndLine: 3, Blocking: true,
	}}}
	want := map[string]string{"s3-public": "pass", "tags": "fail: Tags are required: no owner tag"}
	if diff := cmp.Diff(want, names(passing)); diff != "" {
		t.Errorf("passing (-want +got):\n%s", diff)
	}
	want["s3-public"] = "fail: S3 bucket is public: bucket b is public"
	if diff := cmp.Diff(want, names(failing)); diff != "" {
		t.Errorf("failing (-want +got):\n%s", diff)
	}
}

// TestJUnitRulesOfTheFormat checks that a file's suite lists only the
// rules that apply to the file's format (and those with findings there).
func TestJUnitRulesOfTheFormat(t *testing.T) {
	r := &engine.Report{
		Rules: []engine.Rule{
			{ID: "any"},
			{ID: "k8s", Formats: []parsers.Format{parsers.YAML, parsers.JSON}},
			{ID: "tf", Formats: []parsers.Format{parsers.HCL, parsers.TFPlan}},
			{ID: "none", Formats: []parsers.Format{}},
		},
		Formats: map[string]parsers.Format{"pod.yaml": parsers.YAML, "main.tf": parsers.HCL},
	}
	for _, file := range []string{"pod.yaml", "main.tf", "unknown.txt"} {
		r.Findings = append(r.Findings, engine.Finding{Level: engine.LevelWarning, ID: "any", Message: "m", File: file, StartLine: 1, EndLine: 1})
	}
	// A finding of a rule that does not apply (a plan's finding placed in
	// its .tf source) still has its case.
	r.Findings = append(r.Findings, engine.Finding{Level: engine.LevelFailure, ID: "k8s", Message: "m", File: "main.tf", StartLine: 2, EndLine: 2, Blocking: true})
	got := map[string][]string{}
	for _, s := range checkJUnit(t, render(t, "junit", r, Options{})).Suites {
		for _, c := range s.Cases {
			got[s.Name] = append(got[s.Name], c.Name)
		}
	}
	want := map[string][]string{
		"main.tf":     {"any", "k8s", "tf"},
		"pod.yaml":    {"any", "k8s"},
		"unknown.txt": {"any", "k8s", "none", "tf"}, // format not known: every rule
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("cases by suite (-want +got):\n%s", diff)
	}
}

func TestJUnitTests(t *testing.T) {
	results := []engine.TestResult{
		{Package: "data.terraform", Name: "test_public_bucket", File: "policy/s3_test.rego", Line: 10, Duration: 1500 * time.Microsecond},
		{Package: "data.kubernetes", Name: "test_privileged", File: "policy/k8s_test.rego", Line: 3, Fail: true, Output: "print: <x> & \"y\"",
			Cases: []engine.TestCase{{Name: "deployment"}, {Name: "pod", Fail: true}}},
		{Package: "data.kubernetes", Name: "test_broken", File: "policy/k8s_test.rego", Line: 20, Error: "eval_type_error: to_number: invalid syntax"},
		{Package: "data.kubernetes", Name: "test_placed", File: "policy/k8s_test.rego", Line: 25, Error: "policy/k8s_test.rego:25: eval_builtin_error: x"},
		{Package: "data.kubernetes", Name: "todo_test_later", File: "policy/k8s_test.rego", Line: 30, Skip: true},
	}
	var buf bytes.Buffer
	if err := JUnitTests(&buf, results); err != nil {
		t.Fatal(err)
	}
	checkGolden(t, "junit-tests", buf.Bytes())
	doc := checkJUnit(t, buf.Bytes())
	if doc.Tests != 5 || doc.Failures != 1 || doc.Errors != 2 || doc.Skipped != 1 {
		t.Errorf("counts %d/%d/%d/%d, want 5/1/2/1", doc.Tests, doc.Failures, doc.Errors, doc.Skipped)
	}
	if out := buf.String(); strings.Contains(out, "k8s_test.rego:25: policy/k8s_test.rego:25:") || !strings.Contains(out, "case pod failed") || strings.Contains(out, "case deployment failed") {
		t.Errorf("an error's place is repeated, or the failed case is not named:\n%s", out)
	}
	if doc.Suites[0].Name != "data.kubernetes" || doc.Suites[1].Name != "data.terraform" {
		t.Errorf("suites not sorted by package: %s, %s", doc.Suites[0].Name, doc.Suites[1].Name)
	}
	if results[0].Name != "test_public_bucket" {
		t.Error("JUnitTests reordered the caller's slice")
	}
}

// TestGitHubStepLimit checks that the summary line says how many findings
// GitHub will not annotate because a step shows only the first 10
// annotations of each level: they were left silently to the log.
func TestGitHubStepLimit(t *testing.T) {
	report := func(errors, warnings int) *engine.Report {
		r := &engine.Report{}
		for i := range errors + warnings {
			f := engine.Finding{Level: engine.LevelFailure, ID: "r", File: "main.tf", StartLine: i + 1, EndLine: i + 1,
				Message: "m", Blocking: true}
			if i >= errors {
				f.Level, f.Blocking = engine.LevelWarning, false
			}
			r.Findings = append(r.Findings, f)
		}
		r.Count()
		return r
	}
	tests := []struct {
		errors, warnings int
		note             string
	}{
		{10, 10, ""},
		{11, 3, "1 more finding is only in this log"},
		{13, 12, "5 more findings are only in this log"},
	}
	for _, tt := range tests {
		out := string(render(t, "github", report(tt.errors, tt.warnings), Options{}))
		lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
		summary := lines[len(lines)-1]
		if len(lines) != tt.errors+tt.warnings+1 {
			t.Errorf("%d errors, %d warnings: %d lines", tt.errors, tt.warnings, len(lines))
		}
		if tt.note == "" && strings.Contains(summary, "only in this log") || !strings.Contains(summary, tt.note) {
			t.Errorf("%d errors, %d warnings: summary %q, want %q", tt.errors, tt.warnings, summary, tt.note)
		}
	}
}
