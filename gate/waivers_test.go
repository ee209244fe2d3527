package gate

import (
	"context"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/infragate/infragate/config"
	"github.com/infragate/infragate/engine"
	"github.com/infragate/infragate/parsers"
)

func TestParseInlineWaivers(t *testing.T) {
	src := strings.Join([]string{
		`# infragate:ignore IG-1 public website`,                     // 1
		`acl = "x" # infragate:ignore IG-2,IG-3 - reviewed in SEC-1`, // 2
		`// infragate:ignore IG-4`,                                   // 3: no reason
		`name = "a#infragate:ignore IG-5 not a comment"`,             // 4
		`#infragate:ignored IG-6 x`,                                  // 5
		`  //   infragate:ignore   IG-7   spaced   reason  `,         // 6
		`# infragate:ignore`,                                         // 7: no id
		`x = y   # infragate:ignore IG-8 trailing`,                   // 8
		"/* infragate:ignore IG-9 block */",                          // 9: an HCL block comment
	}, "\n")
	got := ParseInlineWaivers(HCLComments, []byte(src))
	want := []InlineWaiver{
		{Line: 1, IDs: []string{"IG-1"}, Reason: "public website", Own: true},
		{Line: 2, IDs: []string{"IG-2", "IG-3"}, Reason: "reviewed in SEC-1"},
		{Line: 3, IDs: []string{"IG-4"}, Reason: "", Own: true},
		{Line: 6, IDs: []string{"IG-7"}, Reason: "spaced   reason", Own: true},
		{Line: 8, IDs: []string{"IG-8"}, Reason: "trailing"},
		{Line: 9, IDs: []string{"IG-9"}, Reason: "block", Own: true},
	}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("(-want +got):\n%s", d)
	}
	crlf := ParseInlineWaivers(HCLComments, []byte(strings.ReplaceAll(src, "\n", "\r\n")+"\r\n"))
	if d := cmp.Diff(want, crlf); d != "" {
		t.Errorf("CRLF lines (-want +got):\n%s", d)
	}
	if got := ParseInlineWaivers(HCLComments, []byte("a = 1\nb = 2\n")); got != nil {
		t.Errorf("no marker: %v", got)
	}
}

// TestInlineWaiversOnlyInComments checks that a marker counts only in a
// real comment of the file's syntax: never in a string, a YAML scalar
// (quoted, plain or block), a here-document, or a JSON file.
func TestInlineWaiversOnlyInComments(t *testing.T) {
	for _, tc := range []struct {
		name   string
		syntax Syntax
		src    string
		lines  []int // lines with a waiver
	}{
		{"hcl comments", HCLComments, "# infragate:ignore A r\n// infragate:ignore B r\n/* infragate:ignore C r */\nx = 1 # infragate:ignore D r\n", []int{1, 2, 3, 4}},
		{"hcl string", HCLComments, "x = \"# infragate:ignore A r\"\ny = \"a // infragate:ignore B r\"\n", nil},
		{"hcl template", HCLComments, "x = \"${a} # infragate:ignore A r\"\n", nil},
		{"hcl heredoc", HCLComments, "x = <<EOT\n# infragate:ignore A r\n  // infragate:ignore B r\nEOT\n", nil},
		{"hcl inside a block comment", HCLComments, "/*\n# infragate:ignore A r\n*/\n", nil},
		{"yaml comments", YAMLComments, "# infragate:ignore A r\nk: v # infragate:ignore B r\n- x\n", nil}, // invalid YAML: nothing
		{"yaml comments valid", YAMLComments, "# infragate:ignore A r\nk: v # infragate:ignore B r\nl:\n  # infragate:ignore C r\n  - x\n", []int{1, 2, 4}},
		{"yaml double-quoted", YAMLComments, "k: \"a # infragate:ignore A r\"\n", nil},
		{"yaml single-quoted over lines", YAMLComments, "k: 'a\n  # infragate:ignore A r\n  b'\n", nil},
		{"yaml plain scalar", YAMLComments, "k: a#infragate:ignore A r\n", nil},
		{"yaml literal block", YAMLComments, "k: |\n  # infragate:ignore A r\n  x\n", nil},
		{"yaml folded block", YAMLComments, "k: >-\n  text\n  # infragate:ignore A r\nz: 1\n", nil},
		{"yaml block and a real copy", YAMLComments, "k: |\n  # infragate:ignore A r\n# infragate:ignore A r\nz: 1\n", nil},
		{"yaml block and a real comment", YAMLComments, "k: |\n  # infragate:ignore A r\n# infragate:ignore A reason\nz: 1\n", []int{3}},
		{"yaml string then comment", YAMLComments, "k: \"# infragate:ignore A r\" # infragate:ignore B r\n", []int{1}},
		{"yaml json document", YAMLComments, "{\"k\": \"x # infragate:ignore A r\"}\n", nil},
		{"dockerfile comment", DockerfileComments, "# infragate:ignore A r\nFROM x\n  # infragate:ignore B r\nRUN a\n", []int{1, 3}},
		{"dockerfile not a comment", DockerfileComments, "FROM x\nRUN echo 1 # infragate:ignore A r\nLABEL a=\"# infragate:ignore B r\"\n", nil},
		{"dockerfile heredoc", DockerfileComments, "FROM x\nRUN <<EOF\n# infragate:ignore A r\nEOF\n", nil},
		{"json string", NoComments, "{\"a\": \"# infragate:ignore A r\"}\n", nil},
		{"toml comments", TOMLComments, "# infragate:ignore A r\n[s]\nk = 1 # infragate:ignore B r\nl = [\n  1, # infragate:ignore C r\n  # infragate:ignore D r\n  2,\n]\n", []int{1, 3, 5, 6}},
		{"toml strings", TOMLComments, "a = \"# infragate:ignore A r\"\nb = '# infragate:ignore B r'\nc = \"\"\"\n# infragate:ignore C r\n\"\"\"\nd = '''\n# infragate:ignore D r\n'''\n", nil},
		{"toml string then comment", TOMLComments, "k = \"a # b\" # infragate:ignore A r\n", []int{1}},
		{"toml refused", TOMLComments, "# infragate:ignore A r\nk = \n", nil},
		{"ini comments", INIComments, "; infragate:ignore A r\n[s]\n  # infragate:ignore B r\nk = v\n", []int{1, 3}},
		{"ini not comments", INIComments, "[s]\nk = v # infragate:ignore A r\nm = \"\"\"a\n# infragate:ignore B r\n\"\"\"\n", nil},
		{"dotenv comments", DotenvComments, "# infragate:ignore A r\nK=v\n", []int{1}},
		{"dotenv quoted over lines", DotenvComments, "K=\"a\n# infragate:ignore A r\nb\"\nL=v # infragate:ignore B r\n", nil},
		{"properties comments", PropertiesComments, "# infragate:ignore A r\n! infragate:ignore B r\nk = v\n", []int{1, 2}},
		{"properties continued", PropertiesComments, "k = a \\\n  # infragate:ignore A r\nl = # infragate:ignore B r\n", nil},
		// A value over several lines whose key is repeated later (the
		// source map keeps the last), or that stands before any INI
		// section or in [DEFAULT] (left out of the document), is still
		// data.
		{"dotenv repeated key", DotenvComments, "A=\"x\n# infragate:ignore R r\"\nB=bad\nA=z\n", nil},
		{"properties repeated key", PropertiesComments, "a=x\\\n# infragate:ignore R r\nb=bad\na=z\n", nil},
		{"ini repeated key", INIComments, "[s]\na = \"\"\"x\n# infragate:ignore R r\"\"\"\nb = bad\na = z\n", nil},
		{"ini repeated key continued", INIComments, "[s]\na = x \\\n# infragate:ignore R r\nb = bad\na = z\n", nil},
		{"ini key before any section", INIComments, "k = \"\"\"x\n# infragate:ignore R r\"\"\"\n[s]\nb = bad\n", nil},
		{"ini default section", INIComments, "[DEFAULT]\nk = `x\n# infragate:ignore R r`\n[s]\nb = bad\n", nil},
		{"ini comments between sections", INIComments, "; infragate:ignore A r\n[s]\na = 1\n# infragate:ignore B r\n[t]\n", []int{1, 4}},
		// A lone CR ends a line for the dotenv and properties readers:
		// what follows it is an entry, not the comment.
		{"properties lone CR", PropertiesComments, "# infragate:ignore R r\rb=bad\n", nil},
		{"dotenv lone CR", DotenvComments, "# infragate:ignore R r\rB=bad\n", nil},
		{"properties CRLF", PropertiesComments, "# infragate:ignore R r\r\nb=1\r\n", []int{1}},
		{"properties odd backslashes", PropertiesComments, "a=x\\\\\\\n# infragate:ignore R r\nb=1\n", nil},
		{"properties even backslashes", PropertiesComments, "a=x\\\\\n# infragate:ignore R r\nb=1\n", []int{2}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var lines []int
			for _, w := range ParseInlineWaivers(tc.syntax, []byte(tc.src)) {
				lines = append(lines, w.Line)
			}
			if d := cmp.Diff(tc.lines, lines); d != "" {
				t.Errorf("waiver lines (-want +got):\n%s", d)
			}
		})
	}
}

func TestSyntaxOf(t *testing.T) {
	for _, tc := range []struct {
		name   string
		format parsers.Format
		src    string
		want   Syntax
	}{
		{"main.tf", "", "", HCLComments},
		{"a.tfvars", "", "", HCLComments},
		{"main.tf.json", "", "", NoComments},
		{"a.json", "", "", NoComments},
		{"plan.json", parsers.TFPlan, "{}", NoComments},
		{"template.JSON", parsers.CloudFormation, "{}", NoComments},
		{"a.json", parsers.YAML, "", NoComments}, // --parser yaml: still a .json file
		{"a.yaml", "", "", YAMLComments},
		{".github/workflows/ci.yml", "", "", YAMLComments},
		{"template.yaml", parsers.CloudFormation, "Resources: {}", YAMLComments},
		{"template.txt", parsers.CloudFormation, "\n  {\"Resources\": {}}", NoComments},
		{"Dockerfile", "", "", DockerfileComments},
		{"app.txt", parsers.HCL, "", HCLComments},
		{"app.txt", "", "", NoComments},
		{"pyproject.toml", "", "", TOMLComments},
		{"setup.cfg", parsers.INI, "", INIComments},
		{"app.ini", "", "", INIComments},
		{".env", "", "", DotenvComments},
		{"app.properties", "", "", PropertiesComments},
	} {
		if got := SyntaxOf(tc.name, tc.format, []byte(tc.src)); got != tc.want {
			t.Errorf("SyntaxOf(%q, %q) = %q, want %q", tc.name, tc.format, got, tc.want)
		}
	}
}

// softConfig makes failures soft-mandatory: inline waivers apply to them
// (never to hard-mandatory ones, see TestInlineWaiverLevels).
const softConfig = "enforcement:\n  default: soft-mandatory\n"

// decideFile runs Decide over one file's findings with inline waivers;
// failures are soft-mandatory.
func decideFile(t *testing.T, name, src string, fs ...engine.Finding) *engine.Report {
	t.Helper()
	return decideFileWith(t, mustConfig(t, softConfig), nil, name, src, fs...)
}

// decideFileWith is decideFile with a configuration and a waivers file.
func decideFileWith(t *testing.T, cfg *config.Config, wf *WaiverFile, name, src string, fs ...engine.Finding) *engine.Report {
	t.Helper()
	rep := &engine.Report{Findings: fs}
	_, err := Decide(context.Background(), Input{Report: rep, Config: cfg, Waivers: wf, Now: t0, ReadFile: func(p string) ([]byte, error) {
		if p != name {
			t.Errorf("read %s", p)
		}
		return []byte(src), nil
	}})
	if err != nil {
		t.Fatal(err)
	}
	return rep
}

func TestInlineWaiverPlacement(t *testing.T) {
	const tf = `# infragate:ignore IG-HDR bucket serves the public website
# infragate:ignore IG-STACK stacked comments above a block
resource "aws_s3_bucket" "a" {
  # infragate:ignore IG-ABOVE logs are public by design
  acl = "public-read"
  versioning {
    enabled = false # infragate:ignore IG-ON kept for cost
  }
  tags = {}
}

resource "aws_s3_bucket" "b" {
  acl = "public-read"
}
`
	at := func(id string, line int) engine.Finding { return finding(id, "main.tf", line) }
	rep := decideFile(t, "main.tf", tf,
		at("IG-HDR", 5),   // a's attribute: waived by the comment above a's header
		at("IG-STACK", 9), // a run of comments above the header
		at("IG-ABOVE", 5), // the line above
		at("IG-ON", 7),    // on the line
		at("IG-ON", 6),    // the nested block's header is not line 7's comment
		at("IG-HDR", 13),  // b is another block
		at("IG-ABOVE", 6), // a comment above another line does not count
	)
	waived := map[string]bool{}
	for _, f := range rep.Findings {
		waived[f.ID+"@"+strconv.Itoa(f.StartLine)] = f.Waiver != nil
	}
	want := map[string]bool{"IG-HDR@5": true, "IG-STACK@9": true, "IG-ABOVE@5": true, "IG-ON@7": true,
		"IG-ON@6": false, "IG-HDR@13": false, "IG-ABOVE@6": false}
	if d := cmp.Diff(want, waived); d != "" {
		t.Errorf("waived (-want +got):\n%s", d)
	}
}

func itoa(n int) string { return strings.TrimSpace(strings.Repeat(" ", 0) + fmtInt(n)) }

func fmtInt(n int) string {
	if n == 0 {
		return "0"
	}
	var b []byte
	for ; n > 0; n /= 10 {
		b = append([]byte{byte('0' + n%10)}, b...)
	}
	return string(b)
}

func TestInlineWaiverYAMLDocument(t *testing.T) {
	const y = `apiVersion: v1
kind: Pod
---
# infragate:ignore K8S-1 debugging pod, removed after the incident
apiVersion: v1
kind: Pod
spec:
  containers:
    # infragate:ignore K8S-2 sidecar needs it
    - name: a
      securityContext:
        privileged: true
    - name: b
      securityContext:
        privileged: true
`
	f := func(id string, doc, line int) engine.Finding {
		x := finding(id, "pod.yaml", line)
		x.Document = doc
		return x
	}
	rep := decideFile(t, "pod.yaml", y,
		f("K8S-1", 1, 12), // document 1: waived by the comment above the document
		f("K8S-1", 0, 2),  // document 0: not waived
		f("K8S-2", 1, 12), // container a: waived above the list item
		f("K8S-2", 1, 15), // container b: not waived
	)
	var got []bool
	for _, x := range rep.Findings {
		got = append(got, x.Waiver != nil)
	}
	// Sorted by line: K8S-1@2, K8S-1@12, K8S-2@12, K8S-2@15.
	if d := cmp.Diff([]bool{false, true, true, false}, got); d != "" {
		t.Errorf("waived (-want +got):\n%s", d)
	}
}

// TestInlineWaiverLevels checks that an inline waiver, which the author
// of a change writes, clears advisory and soft-mandatory findings but never
// a hard-mandatory one; the waivers file clears every level.
func TestInlineWaiverLevels(t *testing.T) {
	const tf = "resource \"aws_s3_bucket\" \"a\" {\n  acl = \"public-read\" # infragate:ignore IG-1 public website\n}\n"
	const notHonoured = "the inline waiver on line 2 is not honoured: hard-mandatory findings are waived only in the waivers file"
	filed, err := ParseWaivers("w.yaml", []byte("waivers:\n  - {id: IG-1, path: main.tf, reason: reviewed in SEC-1}\n"))
	if err != nil {
		t.Fatal(err)
	}
	warning := finding("IG-1", "main.tf", 2)
	warning.Level, warning.Blocking = engine.LevelWarning, false
	for _, tc := range []struct {
		name     string
		config   string
		waivers  *WaiverFile
		finding  engine.Finding
		waived   string // the waiver's source, "" for none
		blocking bool
		note     string
	}{
		{name: "advisory", config: "enforcement: {default: advisory}\n", finding: finding("IG-1", "main.tf", 2), waived: "inline"},
		{name: "warning", config: "{}\n", finding: warning, waived: "inline"},
		{name: "soft-mandatory", config: softConfig, finding: finding("IG-1", "main.tf", 2), waived: "inline"},
		{name: "hard-mandatory by default", config: "{}\n", finding: finding("IG-1", "main.tf", 2),
			blocking: true, note: notHonoured},
		{name: "hard-mandatory by rule", config: "enforcement: {default: soft-mandatory, rules: {IG-1: hard-mandatory}}\n",
			finding: finding("IG-1", "main.tf", 2), blocking: true, note: notHonoured},
		{name: "hard-mandatory in the waivers file", config: "{}\n", waivers: filed, finding: finding("IG-1", "main.tf", 2),
			waived: "w.yaml", note: notHonoured},
		{name: "soft-mandatory, inline waivers off", config: "enforcement: {default: soft-mandatory}\nwaivers: {inline: false}\n",
			finding: finding("IG-1", "main.tf", 2), blocking: true,
			note: "the inline waiver on line 2 is ignored: waivers.inline is false; soft-mandatory: "},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rep := decideFileWith(t, mustConfig(t, tc.config), tc.waivers, "main.tf", tf, tc.finding)
			f := rep.Findings[0]
			source := ""
			if f.Waiver != nil {
				source = f.Waiver.Source
			}
			if source != tc.waived || f.Blocking != tc.blocking {
				t.Errorf("waived by %q, blocking %v; want %q, %v", source, f.Blocking, tc.waived, tc.blocking)
			}
			if !strings.HasPrefix(f.Note, tc.note) {
				t.Errorf("note %q, want it to start with %q", f.Note, tc.note)
			}
		})
	}
}

func TestInlineWaiverWithoutReason(t *testing.T) {
	const tf = "resource \"x\" \"y\" {\n  a = 1 # infragate:ignore IG-1\n}\n"
	rep := decideFile(t, "main.tf", tf, finding("IG-1", "main.tf", 2), finding("IG-1", "main.tf", 2))
	if len(rep.Findings) != 3 {
		t.Fatalf("want the two findings and one waiver finding, got %+v", rep.Findings)
	}
	var w engine.Finding
	for _, f := range rep.Findings {
		if f.ID == IDWaiverNoReason {
			w = f
			continue
		}
		if f.Waiver != nil || !f.Blocking || !strings.Contains(f.Note, "has no reason") {
			t.Errorf("a waiver without a reason must not apply: %+v", f)
		}
	}
	if w.Level != engine.LevelWarning || w.StartLine != 2 || w.Blocking || !strings.Contains(w.Message, "infragate:ignore IG-1 has no reason") {
		t.Errorf("waiver finding %+v", w)
	}
}

func TestParseWaiversErrors(t *testing.T) {
	for _, tc := range []struct{ src, want string }{
		{"waivers:\n  - {id: A, path: a.tf}\n", "w.yaml:2:5: the waiver for A needs a reason"},
		{"waivers:\n  - {path: a.tf, reason: r}\n", "w.yaml:2:5: a waiver needs id"},
		{"waivers:\n  - {id: A, reason: r}\n", "w.yaml:2:5: the waiver for A needs path"},
		{"waivers:\n  - {id: A, path: a.tf, reason: r, expires: 31/12/2026}\n", `w.yaml:2:45: waiver expires must be a date like 2026-12-31, not "31/12/2026"`},
		{"waivers:\n  - {id: A, path: a.tf, reason: r, until: x}\n", `w.yaml:2:36: unknown waiver key "until"`},
		{"waiver: []\n", `w.yaml:1:1: unknown key "waiver" in the waivers file`},
		{"waivers: {a: 1}\n", "w.yaml:1:10: waivers must be a list"},
		{"waivers:\n  - {id: A, path: \"a/[\", reason: r}\n", `w.yaml:2:5: waiver path: glob "a/[": unclosed [`},
		{"waivers:\n  - {id: A, path: a.tf, reason: r}\nwaivers: []\n", `w.yaml:3:1: key "waivers" given twice`},
	} {
		_, err := ParseWaivers("w.yaml", []byte(tc.src))
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%q:\n got %v\nwant %s", tc.src, err, tc.want)
		}
	}
	wf, err := ParseWaivers("w.yaml", []byte("waivers:\n"))
	if err != nil || len(wf.Entries) != 0 {
		t.Errorf("empty list: %v %v", wf, err)
	}
}

func TestWaiverExpiry(t *testing.T) {
	wf, err := ParseWaivers("w.yaml", []byte("waivers:\n  - {id: A, path: a.tf, reason: r, expires: 2026-03-01}\n"))
	if err != nil {
		t.Fatal(err)
	}
	w := wf.Entries[0]
	if w.Expired(t0) { // t0 is 2026-03-01 12:00: the last day still applies
		t.Error("a waiver applies on its expiry date")
	}
	if !w.Expired(t0.Add(24 * time.Hour)) {
		t.Error("a waiver does not apply after its expiry date")
	}
}

// TestWaiverExpiryInUTC checks that the day a waiver expires is the UTC
// day, whatever the machine's time zone: a local check and the CI job must
// give one verdict at one instant.
func TestWaiverExpiryInUTC(t *testing.T) {
	wf, err := ParseWaivers("w.yaml", []byte("waivers:\n  - {id: A, path: a.tf, reason: r, expires: 2026-03-01}\n"))
	if err != nil {
		t.Fatal(err)
	}
	w := wf.Entries[0]
	east := time.FixedZone("UTC+14", 14*3600)
	west := time.FixedZone("UTC-11", -11*3600)
	for _, tc := range []struct {
		now     time.Time
		expired bool
	}{
		// 2026-03-01 20:00 UTC, already 2026-03-02 in UTC+14.
		{time.Date(2026, 3, 2, 10, 0, 0, 0, east), false},
		// 2026-03-02 01:00 UTC, still 2026-03-01 in UTC-11.
		{time.Date(2026, 3, 1, 14, 0, 0, 0, west), true},
		{time.Date(2026, 3, 1, 23, 59, 59, 0, time.UTC), false},
		{time.Date(2026, 3, 2, 0, 0, 0, 0, time.UTC), true},
	} {
		if got := w.Expired(tc.now); got != tc.expired {
			t.Errorf("Expired(%v) = %t, want %t (the UTC day decides)", tc.now, got, tc.expired)
		}
	}
}

// TestReadInlineSource checks the reading of files for inline waivers:
// whole with the marker (also across the reader's pieces), line breaks
// only without it, with CRLF, a missing final newline and long lines.
func TestReadInlineSource(t *testing.T) {
	long := strings.Repeat("x", 200<<10)
	for _, src := range []string{
		"a: 1\n# infragate:ignore IG-1 above\n  # plain comment\nb: 2\n\n// infragate:ignore IG-3\nc = 3",
		"a: 1\r\n# c\r\nb: 2\r\n",
		"k: " + long + "\n# c " + long + "\nv: " + long + "\n" + long,
		"k: " + long + "\nv: " + long + " # infragate:ignore IG-5 at the end of a long line\n",
		long[:64<<10-5] + "infragate:ignore IG-7 across the reader's pieces\n",
		"",
		"# infragate:ignore IG-6 only line",
	} {
		checkInlineSource(t, []byte(src))
	}
	got, err := ReadInlineSource(strings.NewReader("a: 1\n  # c\nb: 2 " + long + "\n# " + long + "\nd: 4"))
	if err != nil || string(got) != "\n\n\n\n" {
		t.Errorf("skeleton %.60q, %v", got, err)
	}
}
