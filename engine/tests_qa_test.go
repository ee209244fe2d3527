package engine

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/infragate/infragate/parsers"
)

// runSuite runs RunTests on the files and fails the test on an error.
func runSuite(t *testing.T, files map[string]string, opts TestOptions) *TestReport {
	t.Helper()
	dir := writePolicy(t, files)
	opts.Paths = []string{dir}
	if opts.Parsers == nil {
		opts.Parsers = parsers.Default()
	}
	rep, err := RunTests(context.Background(), opts)
	if err != nil {
		t.Fatal(err)
	}
	for i := range rep.Results {
		rep.Results[i].File = strings.TrimPrefix(rep.Results[i].File, dir+"/")
	}
	return rep
}

// summary renders each result as "file:line name STATUS".
func summary(rep *TestReport) []string {
	var out []string
	for _, r := range rep.Results {
		status := "PASS"
		switch {
		case r.Error != "":
			status = "ERROR " + r.Error
		case r.Fail:
			status = "FAIL " + r.Output
		case r.Skip:
			status = "SKIP"
		}
		out = append(out, fmt.Sprintf("%s:%d %s.%s %s", r.File, r.Line, r.Package, r.Name, status))
	}
	return out
}

// TestConftestParseShapes: parse_config and parse_config_file return what
// conftest's do (its parser's value, checked with conftest v0.69 verify):
// a file whose top level is an array is that array, also with one element
// or none (the YAML and JSON parsers give one document per element, as
// conftest evaluates such files), and a Dockerfile is [[instructions]].
// parse_combined_config_files gives one entry per element, as conftest.
func TestConftestParseShapes(t *testing.T) {
	files := map[string]string{
		"one.json":   `[{"a": 1}]`,
		"none.json":  " \n[]\n",
		"obj.json":   `{"a": 1}`,
		"one.yaml":   "- a: 1\n",
		"none.yaml":  "[]\n",
		"multi.yaml": "a: 1\n---\n- b: 2\n- b: 3\n",
		"empty.yaml": "",
		"Dockerfile": "FROM alpine AS b\nRUN x\nFROM scratch\n",
		"p_test.rego": `package main

import rego.v1

untyped(x) := json.unmarshal(json.marshal(x))

test_one_json if untyped(parse_config_file("one.json")) == [{"a": 1}]
test_none_json if untyped(parse_config_file("none.json")) == []
test_obj_json if untyped(parse_config_file("obj.json")) == {"a": 1}
test_one_yaml if untyped(parse_config_file("one.yaml")) == [{"a": 1}]
test_none_yaml if untyped(parse_config_file("none.yaml")) == []
test_multi_yaml if untyped(parse_config_file("multi.yaml")) == [{"a": 1}, [{"b": 2}, {"b": 3}]]
test_empty_yaml if untyped(parse_config_file("empty.yaml")) == null
test_dockerfile if {
	v := untyped(parse_config_file("Dockerfile"))
	count(v) == 1
	[c.Cmd | some c in v[0]] == ["from", "run", "from"]
}
test_dockerfile_string if untyped(parse_config("dockerfile", "FROM alpine\n"))[0][0].Cmd == "from"
test_json_string if untyped(parse_config("json", "[1]")) == [1]
test_yaml_string if untyped(parse_config("yaml", "- 1\n")) == [1]
test_yaml_string_scalar if untyped(parse_config("yaml", "a: 1\n")) == {"a": 1}
test_combined if {
	v := untyped(parse_combined_config_files(["one.json", "none.json", "obj.json"]))
	[e.contents | some e in v] == [{"a": 1}, {"a": 1}]
}
`,
	}
	rep := runSuite(t, files, TestOptions{})
	for _, s := range summary(rep) {
		if !strings.HasSuffix(s, " PASS") {
			t.Error(s)
		}
	}
	if len(rep.Results) != 13 {
		t.Errorf("%d results, want 13", len(rep.Results))
	}
}

// TestDuplicateTestNames: a test name defined more than once runs once
// per definition, numbered in file and line order (the runner numbers
// them in map order, so two runs named them differently), and --run
// selects every definition of the name (the runner's renamed ones are
// data.main["test_x#01"], which the filter did not match).
func TestDuplicateTestNames(t *testing.T) {
	files := map[string]string{
		"a_test.rego": "package main\n\nimport rego.v1\n\ntest_dup if true\ntest_dup if false\ntest_other if true\n",
		"b_test.rego": "package main\n\nimport rego.v1\n\ntest_dup if true\n",
	}
	want := []string{
		"a_test.rego:5 main.test_dup PASS",
		"a_test.rego:6 main.test_dup#01 FAIL ",
		"b_test.rego:5 main.test_dup#02 PASS",
	}
	for i := range 8 {
		rep := runSuite(t, files, TestOptions{})
		all := append(want[:2:2], "a_test.rego:7 main.test_other PASS", want[2])
		if diff := cmp.Diff(all, summary(rep)); diff != "" {
			t.Fatalf("run %d (-want +got):\n%s", i, diff)
		}
	}
	for _, run := range []string{"test_dup$", `^main\.test_dup$`, `^data\.main\.test_dup$`, "dup"} {
		rep := runSuite(t, files, TestOptions{Run: run})
		if diff := cmp.Diff(want, summary(rep)); diff != "" {
			t.Errorf("--run %q (-want +got):\n%s", run, diff)
		}
	}
}

// TestTestCases: a test written as a set of cases (test_x[note] if ...)
// reports which cases failed, as opa test does.
func TestTestCases(t *testing.T) {
	files := map[string]string{
		"c_test.rego": `package main

import rego.v1

test_cases[tc.note] if {
	some tc in [{"note": "one", "x": 1}, {"note": "two", "x": 2}, {"note": "three", "x": 3}]
	tc.x < 3
}
`,
	}
	rep := runSuite(t, files, TestOptions{})
	if len(rep.Results) != 1 || !rep.Results[0].Fail {
		t.Fatalf("results %v", summary(rep))
	}
	want := []TestCase{{Name: "one"}, {Name: "three", Fail: true}, {Name: "two"}}
	if diff := cmp.Diff(want, rep.Results[0].Cases); diff != "" {
		t.Errorf("cases (-want +got):\n%s", diff)
	}
}

// TestTestNamespaces: Namespaces selects the tests of the packages they
// match (conftest verify --namespace, globs where * crosses dots).
func TestTestNamespaces(t *testing.T) {
	files := map[string]string{
		"a_test.rego": "package main\n\nimport rego.v1\n\ntest_a if true\n",
		"b_test.rego": "package k8s.pods\n\nimport rego.v1\n\ntest_b if true\n",
		"c_test.rego": "package k8s\n\nimport rego.v1\n\ntest_c if true\n",
	}
	rep := runSuite(t, files, TestOptions{Namespaces: []string{"k8s.*"}})
	if diff := cmp.Diff([]string{"b_test.rego:5 k8s.pods.test_b PASS"}, summary(rep)); diff != "" {
		t.Errorf("-n k8s.* (-want +got):\n%s", diff)
	}
	rep = runSuite(t, files, TestOptions{Namespaces: []string{"main", "k8s"}, Run: "test_"})
	if diff := cmp.Diff([]string{"a_test.rego:5 main.test_a PASS", "c_test.rego:5 k8s.test_c PASS"}, summary(rep)); diff != "" {
		t.Errorf("-n main -n k8s (-want +got):\n%s", diff)
	}
	dir := writePolicy(t, files)
	_, err := RunTests(context.Background(), TestOptions{Paths: []string{dir}, Namespaces: []string{"nope"}})
	if err == nil || !strings.Contains(err.Error(), `--namespace "nope"`) {
		t.Errorf("err %v, want one naming the namespace", err)
	}
}
