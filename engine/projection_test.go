package engine

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/open-policy-agent/opa/v1/ast"

	"github.com/infragate/infragate/parsers"
	"github.com/infragate/infragate/policies"
)

func TestQueryInputUse(t *testing.T) {
	for _, tc := range []struct {
		name  string
		src   string // package main unless it starts with package
		more  string // a second module (package lib), when set
		paths string // read whole: sorted, comma-separated; "*" for the document
	}{
		{"refs", "deny contains \"x\" if {\n input.a.b == 1\n input[\"c\"]\n}\n", "", "a/b,c"},
		{"resource types", "deny contains n if {\n some n, _ in input.resource.aws_s3_bucket\n input.resource.aws_kms_key[n].x\n}\n", "", "resource/aws_kms_key,resource/aws_s3_bucket"},
		{"a path and its prefix", "deny contains \"x\" if {\n input.resource.aws_s3_bucket\n count(input.resource) > 1\n}\n", "", "resource"},
		{"an index ends the path", `deny contains "x" if input.items[0].name == "a"`, "", "items"},
		{"object.get with a key", `deny contains "x" if object.get(input, "k", 1) == 2`, "", "k"},
		{"object.get with a path", `deny contains "x" if object.get(input, ["m", "n"], 1) == 2`, "", "m/n"},
		{"object.get with a variable path", "p := [\"m\"]\n\ndeny contains \"x\" if object.get(input, p, 1) == 2\n", "", "*"},
		{"object.get with an empty path", `deny contains "x" if object.get(input, [], 1) == 2`, "", "*"},
		{"input in a variable, then a ref", "deny contains \"x\" if {\n v := input\n v.kind == \"Pod\"\n}\n", "", "kind"},
		{"input in a variable, used whole", "deny contains \"x\" if {\n v := input\n count(v) > 1\n}\n", "", "*"},
		{"input in a variable, compared", "deny contains \"x\" if {\n v := {\"kind\": \"Pod\"}\n v = input\n}\n", "", "*"},
		{"input compared", `deny contains "x" if input == {"kind": "Pod"}`, "", "*"},
		{"walk", "deny contains \"x\" if {\n walk(input, [p, v])\n v == 1\n}\n", "", "*"},
		{"a variable key", "deny contains k if {\n some k\n input[k] == 1\n}\n", "", "*"},
		{"a key from a ref", `deny contains "x" if input.a[input.b] == 1`, "", "a,b"},
		{"with input", "deny contains \"x\" if {\n q with input as {\"a\": 1}\n}\n\nq if input.a\n", "", "*"},
		{"helper rules and functions", "import data.lib\n\ndeny contains \"x\" if {\n lib.f(1)\n lib.r\n}\n",
			"package lib\n\nf(x) if input.f == x\n\nr if input.r\n", "f,r"},
		{"else branches", "deny contains \"x\" if v\n\nv := 1 if input.a\n\nelse := 2 if input.b\n", "", "a,b"},
		{"a rule no query reaches", "deny contains \"x\" if input.a\n",
			"package lib\n\nwhole := input\n", "a"},
		{"a comprehension", `deny contains "x" if count([c | some c in input.spec.containers]) > 0`, "", "spec/containers"},
		{"every", "deny contains \"x\" if {\n every c in input.items { c.ok }\n}\n", "", "items"},
		{"a rule standing for a part", "pod := input.spec.template.spec if input.kind == \"D\"\n\ndeny contains c.name if {\n some c in pod.containers\n not pod.securityContext.runAsNonRoot\n}\n", "",
			"kind,spec/template/spec/containers,spec/template/spec/securityContext/runAsNonRoot"},
		{"such a rule read whole", "pod := input.spec.template.spec if input.kind == \"D\"\n\ndeny contains \"x\" if count(pod) > 1\n", "", "kind,spec/template/spec"},
		{"such a rule with a variable key", "pod := input.spec\n\ndeny contains k if {\n some k\n pod[k] == 1\n}\n", "", "spec"},
		{"such a rule through its package", "deny contains k if {\n some k\n data.lib[k].x == 1\n}\n", "package lib\n\npod := input.spec\n", "spec"},
		{"such a rule in another package", "import data.lib\n\ndeny contains \"x\" if lib.pod.containers\n",
			"package lib\n\npod := input.spec.template.spec\n", "spec/template/spec/containers"},
		{"a value used in the rule's body too", "pod := s if {\n s := input.spec\n s.x\n}\n\ndeny contains \"x\" if pod.y\n", "", "spec"},
		{"a value with an else", "pod := input.spec if input.kind == \"Pod\"\n\nelse := input.template\n\ndeny contains \"x\" if pod.y\n", "", "kind,spec,template"},
		{"a rule under a variable", "deny contains \"x\" if {\n some k\n data.lib[k] == 1\n}\n",
			"package lib\n\nr := 1 if input.r\n", "r"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			src := tc.src
			if !strings.HasPrefix(src, "package") {
				src = "package main\n\n" + src
			}
			files := map[string]string{"p.rego": src}
			if tc.more != "" {
				files["lib.rego"] = tc.more
			}
			e, err := New(context.Background(), Options{Policies: []string{writePolicy(t, files)}})
			if err != nil {
				t.Fatal(err)
			}
			got := "*"
			if !e.use.root.whole {
				var paths []string
				var walk func(prefix string, t *keyTree)
				walk = func(prefix string, t *keyTree) {
					if t.whole {
						paths = append(paths, prefix)
					}
					for k, sub := range t.sub {
						walk(strings.TrimPrefix(prefix+"/"+k, "/"), sub)
					}
				}
				walk("", &e.use.root)
				slices.Sort(paths)
				got = strings.Join(paths, ",")
			}
			if got != tc.paths {
				t.Errorf("paths = %q, want %q", got, tc.paths)
			}
		})
	}
}

// TestProjectionKeepsFindings checks that converting only the paths the
// rules read changes no finding: the built-in library and conftest-style
// rules (testdata/projection) over every fixture of the policies (the
// whole corpus with INFRAGATE_CORPUS), with and without it.
func TestProjectionKeepsFindings(t *testing.T) {
	root, _ := filepath.Abs("../policies")
	var paths []string
	if corpus := os.Getenv("INFRAGATE_CORPUS"); corpus != "" {
		root = corpus
		paths = []string{"."}
	} else {
		paths, _ = filepath.Glob(filepath.Join(root, "*", "testdata"))
		paths = append(paths, "../examples")
	}
	var files []File
	reg := parsers.Default()
	for _, p := range paths {
		if !filepath.IsAbs(p) {
			p = filepath.Join(root, p)
		}
		filepath.WalkDir(p, func(path string, d os.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return nil
			}
			format, ok := parsers.DetectFormat(path)
			if !ok || reg[format] == nil {
				return nil
			}
			files = append(files, File{Name: path, Path: path, Format: format, Parser: reg[format]})
			return nil
		})
	}
	if len(files) < 50 {
		t.Fatalf("only %d files: the comparison would prove little", len(files))
	}
	for _, tc := range []struct {
		name string
		opts Options
	}{
		{"built-in library", Options{Builtin: policies.FS(), Applies: policies.Applies, Guard: policies.Guard}},
		{"conftest-style rules", Options{Policies: []string{"testdata/projection"}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			report := func(whole bool) *Report {
				e, err := New(context.Background(), tc.opts)
				if err != nil {
					t.Fatal(err)
				}
				if !whole && e.use.root.whole && tc.opts.Applies == nil {
					t.Fatal("the rules read the whole document: the comparison would prove nothing")
				}
				e.wholeInput = whole
				rep, err := e.Check(context.Background(), files)
				if err != nil {
					t.Fatal(err)
				}
				return rep
			}
			whole, projected := report(true), report(false)
			if len(whole.Findings) == 0 {
				t.Fatal("no findings: the comparison would prove nothing")
			}
			if !reflect.DeepEqual(whole, projected) {
				t.Errorf("findings differ: %d with the whole document, %d with the paths read", len(whole.Findings), len(projected.Findings))
				for i := range min(len(whole.Findings), len(projected.Findings)) {
					if !reflect.DeepEqual(whole.Findings[i], projected.Findings[i]) {
						t.Fatalf("first difference:\n  whole     %+v\n  projected %+v", whole.Findings[i], projected.Findings[i])
					}
				}
			}
			t.Logf("%d files, %d findings, identical", len(files), len(whole.Findings))
		})
	}
}

// TestEmptyDocumentsNotEvaluated checks that documents holding nothing the
// rules read are all the empty input, evaluated once when it gives nothing.
func TestEmptyDocumentsNotEvaluated(t *testing.T) {
	withRes := `{"resource": {"bad": true}, "variable": {"v": {}}}`
	noRes := `{"variable": {"v": {"default": 1}}}`
	for _, tc := range []struct {
		name    string
		policy  string
		evals   int64    // for the four files below (a located finding costs one more)
		wantFor []string // files with a finding
	}{
		// b.json, c.json and d.json hold nothing the rule reads (d.json
		// has resource, but not resource.bad): the empty input is
		// evaluated once, for b, and gives nothing (a, its locating, b).
		{"skipped", `deny contains "bad" if input.resource.bad`, 3, []string{"a.json"}},
		// The empty input gives a result: it is evaluated for b and for c
		// (a, b, its locating, c, its locating, d).
		{"empty gives a result", `deny contains "no resources" if not input.resource`, 6, []string{"b.json", "c.json"}},
		// The rules can tell files apart: every document is evaluated
		// (a, its locating, b, c, d).
		{"file name read", `deny contains data.conftest.file.name if input.resource.bad`, 5, []string{"a.json"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := writePolicy(t, map[string]string{"p.rego": "package main\n\n" + tc.policy + "\n"})
			e, err := New(context.Background(), Options{Policies: []string{dir}, Workers: 1})
			if err != nil {
				t.Fatal(err)
			}
			p := parsers.Default()[parsers.JSON]
			files := []File{
				{Name: "a.json", Content: []byte(withRes), Parser: p, Format: parsers.JSON},
				{Name: "b.json", Content: []byte(noRes), Parser: p, Format: parsers.JSON},
				{Name: "c.json", Content: []byte(noRes + "\n"), Parser: p, Format: parsers.JSON},
				{Name: "d.json", Content: []byte(`{"resource": {"other": {"bad": true}}}`), Parser: p, Format: parsers.JSON},
			}
			rep, err := e.Check(context.Background(), files)
			if err != nil {
				t.Fatal(err)
			}
			if got := e.evaluations.Load(); got != tc.evals {
				t.Errorf("%d evaluations, want %d", got, tc.evals)
			}
			var got []string
			for _, f := range rep.Findings {
				got = append(got, f.File)
				if f.StartLine != 1 {
					t.Errorf("%s: line %d, want 1", f.File, f.StartLine)
				}
			}
			if !slices.Equal(got, tc.wantFor) {
				t.Errorf("findings for %v, want %v", got, tc.wantFor)
			}
		})
	}
}

func TestInputKey(t *testing.T) {
	key := func(src string) [32]byte {
		t.Helper()
		k, ok := inputKey(ast.MustParseTerm(src).Value, "")
		if !ok {
			t.Fatalf("%s: no key", src)
		}
		return k
	}
	if key(`{"a": 1, "b": [true, null]}`) != key(`{"b": [true, null], "a": 1}`) {
		t.Error("equal objects written in another order: different keys")
	}
	distinct := []string{
		`{}`, `[]`, `null`, `true`, `false`, `""`, `"1"`, `1`, `1.0`,
		`["a", "b"]`, `["ab"]`, `["a", ["b"]]`, `[["a"], "b"]`,
		`{"a": "b"}`, `{"ab": ""}`, `{"a": {"b": 1}}`, `{"a": [{"b": 1}]}`,
		`{"a": 1, "b": 2}`, `{"a": 2, "b": 1}`,
	}
	seen := map[[32]byte]string{}
	for _, src := range distinct {
		k := key(src)
		if other, dup := seen[k]; dup {
			t.Errorf("%s and %s: the same key", src, other)
		}
		seen[k] = src
	}
	if _, ok := inputKey(ast.MustParseTerm(`{"s": {1, 2}}`).Value, ""); ok {
		t.Error("a set got a key: only JSON's types are encoded")
	}
}

// TestEqualInputsWithoutResults checks that documents equal for the rules
// (a ConfigMap per environment, with its own data and namespace) are
// evaluated once when they give nothing, and every time when they do.
func TestEqualInputsWithoutResults(t *testing.T) {
	configMap := func(ns, data string) string {
		return fmt.Sprintf("kind: ConfigMap\nmetadata:\n  name: app\n  namespace: %s\ndata:\n  x: %q\n", ns, data)
	}
	p := parsers.Default()[parsers.YAML]
	files := []File{
		{Name: "prod/cm.yaml", Content: []byte(configMap("prod", "1")), Parser: p, Format: parsers.YAML},
		{Name: "dev/cm.yaml", Content: []byte(configMap("dev", "2")), Parser: p, Format: parsers.YAML},
		{Name: "test/all.yaml", Content: []byte("kind: Service\nmetadata: {name: s}\n---\n" + configMap("test", "3")), Parser: p, Format: parsers.YAML},
	}
	for _, tc := range []struct {
		name, policy string
		evals        int64
		findings     int
	}{
		// The four documents are two inputs, {kind, metadata/name}: the
		// ConfigMaps differ only in namespace and data.
		{"nothing", `deny contains name if input.kind == "Deployment"`, 2, 0},
		// The ConfigMaps give a finding each: all are evaluated (and located).
		{"a finding", `deny contains name if input.kind == "ConfigMap"`, 7, 3},
		// The rules read data: the ConfigMaps differ.
		{"data read", `deny contains name if input.data.x == "4"`, 4, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			src := "package main\n\nname := input.metadata.name\n\n" + tc.policy + "\n"
			e, err := New(context.Background(), Options{Policies: []string{writePolicy(t, map[string]string{"p.rego": src})}, Workers: 1})
			if err != nil {
				t.Fatal(err)
			}
			rep, err := e.Check(context.Background(), files)
			if err != nil {
				t.Fatal(err)
			}
			if got := e.evaluations.Load(); got != tc.evals {
				t.Errorf("%d evaluations, want %d", got, tc.evals)
			}
			if len(rep.Findings) != tc.findings || rep.Summary.Documents != 4 {
				t.Errorf("%d findings, %d documents; want %d, 4", len(rep.Findings), rep.Summary.Documents, tc.findings)
			}
		})
	}
}

// TestEqualInputsKeepPolicyErrors checks that an input is remembered as
// giving nothing only when it gave no finding: a rule value that findings
// reports as an error (here an empty object) is reported for every
// document, not only for the first of equal ones.
func TestEqualInputsKeepPolicyErrors(t *testing.T) {
	dir := writePolicy(t, map[string]string{"p.rego": "package main\n\ndeny := {} if input.good\n"})
	e, err := New(context.Background(), Options{Policies: []string{dir}, Workers: 1})
	if err != nil {
		t.Fatal(err)
	}
	p := parsers.Default()[parsers.JSON]
	files := []File{
		{Name: "a.json", Content: []byte(`{"good": true, "x": 1}`), Parser: p, Format: parsers.JSON},
		{Name: "b.json", Content: []byte(`{"good": true, "x": 2}`), Parser: p, Format: parsers.JSON},
	}
	rep, err := e.Check(context.Background(), files)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Summary.Errors != 2 {
		t.Errorf("%d errors, want one per document: %+v", rep.Summary.Errors, rep.Findings)
	}
}
