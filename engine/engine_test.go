package engine

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/open-policy-agent/opa/v1/ast"

	"github.com/infragate/infragate/parsers"
)

// stubParser returns one document per file: the file's JSON, with every
// top-level key mapped to line = 10 + its sorted position.
type stubParser struct{}

func (stubParser) Parse(name string, src []byte) ([]parsers.Document, error) {
	var v any
	dec := json.NewDecoder(bytes.NewReader(src))
	dec.UseNumber()
	if err := dec.Decode(&v); err != nil {
		return nil, &parsers.ParseError{File: name, Line: 3, Msg: err.Error()}
	}
	m := &parsers.SourceMap{}
	m.Set(parsers.Path{}, parsers.Range{StartLine: 1, EndLine: 99})
	if obj, ok := v.(map[string]any); ok {
		line := 10
		for _, k := range sortedKeys(obj) {
			m.Set(parsers.Path{k}, parsers.Range{StartLine: line, EndLine: line})
			line++
		}
	}
	m.Set(parsers.Path{"resource", "aws_s3_bucket", "b", "0"}, parsers.Range{StartLine: 40, EndLine: 45})
	return []parsers.Document{{Value: v, Range: parsers.Range{StartLine: 1, EndLine: 99}, Map: m}}, nil
}

func sortedKeys(m map[string]any) []string {
	var ks []string
	for k := range m {
		ks = append(ks, k)
	}
	for i := range ks {
		for j := i + 1; j < len(ks); j++ {
			if ks[j] < ks[i] {
				ks[i], ks[j] = ks[j], ks[i]
			}
		}
	}
	return ks
}

func writePolicy(t testing.TB, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, src := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func run(t *testing.T, opts Options, inputs ...string) *Report {
	t.Helper()
	e, err := New(context.Background(), opts)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	var files []File
	for i, in := range inputs {
		files = append(files, File{Name: "f" + string(rune('a'+i)) + ".json", Content: []byte(in), Parser: stubParser{}})
	}
	rep, err := e.Check(context.Background(), files)
	if err != nil {
		t.Fatalf("Check: %v", err)
	}
	return rep
}

func TestRulesAndLevels(t *testing.T) {
	dir := writePolicy(t, map[string]string{"p.rego": `package main
deny contains "d" if input.a
violation_x contains "v" if input.a
warn_y contains "w" if input.a
denylist contains "not a rule" if input.a
deny__x contains "not a rule either" if input.a
`})
	rep := run(t, Options{Policies: []string{dir}}, `{"a": true}`)
	var got []string
	for _, f := range rep.Findings {
		got = append(got, string(f.Level)+":"+f.Message+":"+f.ID)
	}
	want := "failure:d:main.deny failure:v:main.violation_x warning:w:main.warn_y"
	if strings.Join(got, " ") != want {
		t.Fatalf("got %v, want %s", got, want)
	}
	if rep.Summary.Failures != 2 || rep.Summary.Warnings != 1 || rep.Summary.Files != 1 || rep.Summary.Documents != 1 {
		t.Fatalf("summary %+v", rep.Summary)
	}
}

func TestExceptions(t *testing.T) {
	dir := writePolicy(t, map[string]string{"p.rego": `package main
deny_run_as_root contains "root" if input.a
deny contains "plain" if input.a
exception contains rules if {
	input.kind == "ok"
	rules := ["run_as_root"]
}
`})
	rep := run(t, Options{Policies: []string{dir}}, `{"a": true, "kind": "ok"}`, `{"a": true}`)
	if rep.Summary.Exceptions != 1 || rep.Summary.Failures != 3 {
		t.Fatalf("summary %+v\n%+v", rep.Summary, rep.Findings)
	}
}

func TestFailClosedValues(t *testing.T) {
	cases := map[string]string{
		"boolean": "package main\ndeny if input.a\n",
		"no msg":  "package main\ndeny contains {\"x\": 1} if input.a\n",
		"object":  "package main\ndeny[\"k\"] := \"v\" if input.a\n",
		"builtin": "package main\ndeny contains msg if { x := to_number(\"x\"); msg := sprintf(\"%v\", [x]) }\n",
		// The same error in every iteration is one finding, not one per
		// iteration (a conftest policy over an unexpected shape).
		"repeated builtin": "package main\ndeny contains s if { some s in [\"x\", \"y\", \"z\"]; contains(input.a, s) }\n",
	}
	for name, src := range cases {
		t.Run(name, func(t *testing.T) {
			rep := run(t, Options{Policies: []string{writePolicy(t, map[string]string{"p.rego": src})}}, `{"a": true}`)
			if rep.Summary.Errors != 1 || rep.Findings[0].ID != IDEvalError || !rep.Findings[0].Blocking {
				t.Fatalf("want one blocking eval error, got %+v", rep.Findings)
			}
		})
	}
}

func TestTimeout(t *testing.T) {
	dir := writePolicy(t, map[string]string{"p.rego": `package main
deny contains "slow" if {
	n := numbers.range(1, 100000000)
	count([x | some x in n; x % 7 == 3]) > 0
}
`})
	start := time.Now()
	rep := run(t, Options{Policies: []string{dir}, Timeout: 200 * time.Millisecond}, `{}`)
	if rep.Summary.Errors != 1 || !strings.Contains(rep.Findings[0].Message, "deadline") {
		t.Fatalf("want a deadline error, got %+v", rep.Findings)
	}
	if d := time.Since(start); d > 20*time.Second {
		t.Fatalf("deadline not honoured: %s", d)
	}
}

func TestLocations(t *testing.T) {
	dir := writePolicy(t, map[string]string{"p.rego": `package main
deny contains {"msg": "by path", "path": ["b"]} if input.b
deny contains {"msg": "by dotted path", "path": "c"} if input.c
deny contains {"msg": "by loc", "_loc": {"file": "other.tf", "line": 7}} if input.b
deny contains {"msg": "by resource", "resource": "aws_s3_bucket.b"} if input.b
deny contains "aws_s3_bucket.b is public" if input.resource
deny contains {"msg": "with metadata", "details": {"k": 1}} if input.b
deny contains {"msg": "by empty path", "path": []} if input.b
deny contains {"msg": "by empty dotted path", "path": ""} if input.b
`})
	rep := run(t, Options{Policies: []string{dir}}, `{"b": 1, "c": 2, "resource": {"aws_s3_bucket": {"b": [{}]}}}`)
	got := map[string]string{}
	for _, f := range rep.Findings {
		got[f.Message] = f.File + ":" + strconv.Itoa(f.StartLine) + "-" + strconv.Itoa(f.EndLine) + " " + f.Resource
	}
	want := map[string]string{
		"by path":        "fa.json:10-10 /b",
		"by dotted path": "fa.json:11-11 /c",
		// _loc names a file that is not the input, and a line past its
		// end: the finding stays on the document.
		"by loc":                    "fa.json:1-99 ",
		"by resource":               "fa.json:40-45 aws_s3_bucket.b",
		"aws_s3_bucket.b is public": "fa.json:40-45 aws_s3_bucket.b",
		"with metadata":             "fa.json:10-10 /b",
		// An empty path is the document: not traced to input.b.
		"by empty path":        "fa.json:1-99 ",
		"by empty dotted path": "fa.json:1-99 ",
	}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("%s: got %q, want %q", k, got[k], v)
		}
	}
}

func TestConftestFileContext(t *testing.T) {
	dir := writePolicy(t, map[string]string{"p.rego": `package main
deny contains msg if { msg := sprintf("name=%s", [data.conftest.file.name]) }
`})
	rep := run(t, Options{Policies: []string{dir}}, `{}`, `{}`)
	if len(rep.Findings) != 2 || rep.Findings[0].Message != "name=fa.json" || rep.Findings[1].Message != "name=fb.json" {
		t.Fatalf("got %+v", rep.Findings)
	}
}

func TestNamespaces(t *testing.T) {
	dir := writePolicy(t, map[string]string{
		"a.rego": "package main\ndeny contains \"main\" if true\n",
		"b.rego": "package k8s.pods\ndeny contains \"pods\" if true\n",
	})
	cases := []struct {
		opts Options
		want int
	}{
		{Options{}, 1},
		{Options{Namespaces: []string{"k8s.*"}}, 1},
		{Options{Namespaces: []string{"main", "k8s.*"}}, 2},
		{Options{AllNamespaces: true}, 2},
	}
	for _, c := range cases {
		c.opts.Policies = []string{dir}
		if rep := run(t, c.opts, `{}`); rep.Summary.Failures != c.want {
			t.Errorf("%+v: got %d failures, want %d", c.opts.Namespaces, rep.Summary.Failures, c.want)
		}
	}
}

func TestV0Policy(t *testing.T) {
	dir := writePolicy(t, map[string]string{"p.rego": "package main\ndeny[msg] { input.a; msg := \"v0\" }\n"})
	rep := run(t, Options{Policies: []string{dir}, RegoVersion: ast.RegoV0}, `{"a": true}`)
	if rep.Summary.Failures != 1 || rep.Findings[0].Message != "v0" {
		t.Fatalf("got %+v", rep.Findings)
	}
}

func TestUnsafeBuiltinsRejected(t *testing.T) {
	for _, src := range []string{
		"package main\ndeny contains x if { x := http.send({\"method\": \"get\", \"url\": \"http://127.0.0.1\"}) }\n",
		"package main\ndeny contains x if { x := net.lookup_ip_addr(\"example.com\") }\n",
	} {
		_, err := New(context.Background(), Options{Policies: []string{writePolicy(t, map[string]string{"p.rego": src})}})
		var pe *PolicyError
		if !errors.As(err, &pe) || !strings.Contains(err.Error(), "p.rego:2") {
			t.Fatalf("want a compile error at p.rego:2, got %v", err)
		}
	}
}

func TestRuntimeHasNoEnv(t *testing.T) {
	t.Setenv("INFRAGATE_SECRET_FOR_TEST", "s3cr3t")
	dir := writePolicy(t, map[string]string{"p.rego": "package main\ndeny contains sprintf(\"%v\", [opa.runtime()]) if true\n"})
	rep := run(t, Options{Policies: []string{dir}}, `{}`)
	if strings.Contains(rep.Findings[0].Message, "s3cr3t") || strings.Contains(rep.Findings[0].Message, "env") {
		t.Fatalf("runtime leaks the environment: %s", rep.Findings[0].Message)
	}
}

func TestPrintGoesToStderr(t *testing.T) {
	var buf bytes.Buffer
	dir := writePolicy(t, map[string]string{"p.rego": "package main\ndeny contains \"x\" if { print(\"hello\", input.a) }\n"})
	run(t, Options{Policies: []string{dir}, Stderr: &buf}, `{"a": 1}`)
	if !strings.Contains(buf.String(), "p.rego:2: hello 1") {
		t.Fatalf("print output %q", buf.String())
	}
}

func TestParseErrorIsAFinding(t *testing.T) {
	dir := writePolicy(t, map[string]string{"p.rego": "package main\ndeny contains \"x\" if input.a\n"})
	rep := run(t, Options{Policies: []string{dir}}, `{"a": true}`, `{not json`)
	if rep.Summary.Errors != 1 || rep.Summary.Failures != 2 {
		t.Fatalf("summary %+v", rep.Summary)
	}
	f := rep.Findings[1]
	if f.ID != IDParseError || f.File != "fb.json" || f.StartLine != 3 {
		t.Fatalf("parse error finding %+v", f)
	}
}

func TestDataFiles(t *testing.T) {
	dir := writePolicy(t, map[string]string{
		"p.rego":    "package main\ndeny contains data.allowed.msg if true\n",
		"data.yaml": "allowed:\n  msg: from data\n",
	})
	rep := run(t, Options{Policies: []string{dir}, Data: []string{filepath.Join(dir, "data.yaml")}}, `{}`)
	if len(rep.Findings) != 1 || rep.Findings[0].Message != "from data" {
		t.Fatalf("got %+v", rep.Findings)
	}
}

func TestNoPolicies(t *testing.T) {
	_, err := New(context.Background(), Options{Policies: []string{writePolicy(t, map[string]string{"p.rego": "package other\ndeny contains 1 if true\n"})}})
	if !errors.Is(err, ErrNoPolicies) {
		t.Fatalf("got %v", err)
	}
}

// TestNoPackageMatchesNamespace checks that policies whose packages the
// namespaces leave out are reported as such, naming the globs and the
// packages, and still as ErrNoPolicies.
func TestNoPackageMatchesNamespace(t *testing.T) {
	dir := writePolicy(t, map[string]string{
		"a.rego": "package other\ndeny contains 1 if true\n",
		"b.rego": "package k8s.rules\nwarn contains 1 if true\n",
		"c.rego": "package other\nwarn contains 1 if true\n",
	})
	tests := []struct {
		name       string
		namespaces []string
		policies   map[string]string // instead of dir
		want       string            // "" for plain ErrNoPolicies
	}{
		{"default", nil, nil,
			`no policy package matches --namespace "main" (the policies have packages k8s.rules, other); name one with -n/--namespace, or use --all-namespaces`},
		{"globs", []string{"x*", "k8s"}, nil,
			`no policy package matches --namespace "x*", "k8s" (the policies have packages k8s.rules, other)`},
		{"a package matches but has no rules", []string{"main"},
			map[string]string{"p.rego": "package main\nallow := true\n"}, ""},
		{"no rego at all", nil, map[string]string{"README": "x"}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := dir
			if tt.policies != nil {
				d = writePolicy(t, tt.policies)
			}
			_, err := New(context.Background(), Options{Policies: []string{d}, Namespaces: tt.namespaces})
			if !errors.Is(err, ErrNoPolicies) {
				t.Fatalf("got %v, want ErrNoPolicies", err)
			}
			var ne *NamespaceError
			switch {
			case tt.want == "" && errors.As(err, &ne):
				t.Errorf("got %v, want plain ErrNoPolicies", err)
			case tt.want != "" && !strings.Contains(err.Error(), tt.want):
				t.Errorf("got %q, want it to contain %q", err, tt.want)
			}
		})
	}
}

// TestPolicyErrorHintsRegoV0 checks that v0 syntax read as v1 gets a hint
// to use --rego-version v0, in check and in test, and other errors none.
func TestPolicyErrorHintsRegoV0(t *testing.T) {
	v0 := writePolicy(t, map[string]string{"p.rego": "package main\ndeny[msg] {\n  input.a\n  msg := \"x\"\n}\n"})
	v0test := writePolicy(t, map[string]string{"p_test.rego": "package main\ntest_x {\n  true\n}\n"})
	broken := writePolicy(t, map[string]string{"p.rego": "package main\ndeny contains \"x\" if {\n"})
	ctx := context.Background()
	tests := []struct {
		name string
		err  func() error
		hint bool
	}{
		{"v0 read as v1", func() error {
			_, err := New(ctx, Options{Policies: []string{v0}, RegoVersion: ast.RegoV1})
			return err
		}, true},
		{"v0 tests read as v1", func() error {
			_, err := RunTests(ctx, TestOptions{Paths: []string{v0test}, RegoVersion: ast.RegoV1})
			return err
		}, true},
		{"other syntax error", func() error {
			_, err := New(ctx, Options{Policies: []string{broken}, RegoVersion: ast.RegoV1})
			return err
		}, false},
		{"read as v0", func() error {
			_, err := New(ctx, Options{Policies: []string{broken}, RegoVersion: ast.RegoV0})
			return err
		}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.err()
			var pe *PolicyError
			if !errors.As(err, &pe) {
				t.Fatalf("got %v, want a *PolicyError", err)
			}
			if got := strings.Contains(err.Error(), "hint: "+HintRegoV0); got != tt.hint {
				t.Errorf("hint %t, want %t:\n%v", got, tt.hint, err)
			}
			if tt.hint && !strings.Contains(err.Error(), "--rego-version v0") {
				t.Errorf("hint does not name --rego-version v0:\n%v", err)
			}
		})
	}
}

// TestRuleFormats checks that the catalogue says which formats each rule
// applies to (Options.Applies; nil for all) and the report the format of
// each file, so that reporters can tell which rules a file met.
func TestRuleFormats(t *testing.T) {
	dir := writePolicy(t, map[string]string{
		"a.rego": "package main\ndeny contains \"a\" if false\n",
		"b.rego": "package tf\ndeny contains \"b\" if false\n",
		"c.rego": "package off\ndeny contains \"c\" if false\n",
	})
	applies := func(pkg string, f parsers.Format) bool {
		switch pkg {
		case "tf":
			return f == parsers.HCL || f == parsers.TFPlan
		case "off":
			return false
		}
		return true
	}
	e, err := New(context.Background(), Options{Policies: []string{dir}, AllNamespaces: true, Applies: applies})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string][]parsers.Format{}
	for _, r := range e.Rules() {
		got[r.ID] = r.Formats
	}
	want := map[string][]parsers.Format{
		"main.deny": nil,
		"tf.deny":   {parsers.HCL, parsers.TFPlan},
		"off.deny":  {},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("rule formats %v, want %v", got, want)
	}
	rep, err := e.Check(context.Background(), []File{
		{Name: "a.json", Content: []byte(`{}`), Parser: stubParser{}, Format: parsers.JSON},
		{Name: "b.tf", Content: []byte(`{}`), Parser: stubParser{}, Format: parsers.HCL},
		{Name: "c", Content: []byte(`{}`), Parser: stubParser{}},
	})
	if err != nil {
		t.Fatal(err)
	}
	wantFormats := map[string]parsers.Format{"a.json": parsers.JSON, "b.tf": parsers.HCL}
	if !reflect.DeepEqual(rep.Formats, wantFormats) {
		t.Errorf("report formats %v, want %v", rep.Formats, wantFormats)
	}
	tf := Rule{ID: "tf.deny", Formats: want["tf.deny"]}
	for file, applies := range map[string]bool{"a.json": false, "b.tf": true, "c": true, "other": true} {
		if got := rep.Applies(tf, file); got != applies {
			t.Errorf("Applies(tf.deny, %s) = %t, want %t", file, got, applies)
		}
	}
}
