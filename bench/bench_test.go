package bench_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/infragate/infragate/bench"
	"github.com/infragate/infragate/cmd"
)

// selfEnv makes the test binary act as infragate or as a fake conftest, so
// the benchmark can run real subprocesses without building anything.
const selfEnv = "INFRAGATE_BENCH_SELF"

func TestMain(m *testing.M) {
	bench.SpawnMain()
	switch os.Getenv(selfEnv) {
	case "infragate":
		os.Exit(cmd.Main(context.Background(), os.Args[1:], cmd.IO{
			In: os.Stdin, Out: os.Stdout, ErrOut: os.Stderr, Getenv: os.Getenv,
		}, cmd.Version{Version: "test"}))
	case "conftest":
		os.Exit(fakeConftest(os.Args[1:]))
	}
	os.Exit(m.Run())
}

// fakeConftest prints conftest's JSON shape: one failure per file, except
// for files named *ok*.
func fakeConftest(args []string) int {
	type entry struct {
		Filename string           `json:"filename"`
		Failures []map[string]any `json:"failures"`
	}
	var out []entry
	for _, a := range args {
		if !strings.Contains(a, ".") || strings.HasPrefix(a, "-") || strings.Contains(a, "/policy") {
			continue
		}
		e := entry{Filename: a, Failures: []map[string]any{}}
		if !strings.Contains(a, "ok") {
			e.Failures = append(e.Failures, map[string]any{"msg": "x"})
		}
		out = append(out, e)
	}
	json.NewEncoder(os.Stdout).Encode(out)
	return 1
}

func write(t *testing.T, root string, files map[string]string) {
	t.Helper()
	for name, src := range files {
		p := filepath.Join(root, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// TestRunSmallCorpus runs every section over a tiny generated corpus and
// checks that each figure is printed and that the deterministic ones hold
// (findings scale exactly with the copies; the cache does not change the
// output). It asserts nothing about time.
func TestRunSmallCorpus(t *testing.T) {
	root := t.TempDir()
	files := map[string]string{
		"policy/p.rego": `package main

deny contains msg if {
	input.resource.aws_s3_bucket[name][_].acl == "public-read"
	msg := sprintf("bucket %s is public", [name])
}

warn contains msg if {
	input.kind == "Pod"
	msg := sprintf("pod %s", [input.metadata.name])
}
`,
		"INDEX.tsv": "path\ttype\tbytes\n",
	}
	var tf, k8s []string
	for i := range 6 {
		acl := "private"
		if i%2 == 0 {
			acl = "public-read"
		}
		name := fmt.Sprintf("repo/tf/m%d.tf", i)
		files[name] = fmt.Sprintf("resource \"aws_s3_bucket\" \"b%d\" {\n  acl = %q\n}\n", i, acl)
		tf = append(tf, name)
		name = fmt.Sprintf("repo/k8s/ok%d.yaml", i)
		files[name] = fmt.Sprintf("apiVersion: v1\nkind: Pod\nmetadata:\n  name: p%d\nspec: {}\n--- # second\nkind: Service\nmetadata:\n  name: s%d\n", i, i)
		k8s = append(k8s, name)
	}
	for _, p := range append(append([]string{}, tf...), k8s...) {
		files["INDEX.tsv"] += p + "\tx\t1\n"
	}
	write(t, root, files)
	lists := t.TempDir()
	if err := bench.WriteList(filepath.Join(lists, "tf.txt"), tf); err != nil {
		t.Fatal(err)
	}
	if err := bench.WriteList(filepath.Join(lists, "k8s.txt"), k8s); err != nil {
		t.Fatal(err)
	}
	all, err := bench.ListFromIndex(filepath.Join(root, "INDEX.tsv"), lists)
	if err != nil {
		t.Fatal(err)
	}
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	fakeConftest := filepath.Join(t.TempDir(), "conftest")
	if err := os.WriteFile(fakeConftest, []byte("#!/bin/sh\n"+selfEnv+"=conftest exec "+self+" \"$@\"\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	cfg := bench.Config{
		Infragate:    self,
		Env:          []string{selfEnv + "=infragate", "CI=", "INFRAGATE_CACHE="},
		Conftest:     fakeConftest,
		Corpus:       root,
		Sets:         []bench.Set{{Name: "tf", List: filepath.Join(lists, "tf.txt")}, {Name: "k8s", List: filepath.Join(lists, "k8s.txt")}},
		Policy:       filepath.Join(root, "policy"),
		All:          all,
		ScaleFactors: []int{1, 2, 3},
		LargeYAML:    20_000,
		LargePlan:    20_000,
		MRRuns:       1,
	}
	var out bytes.Buffer
	if err := bench.Run(context.Background(), cfg, &out); err != nil {
		t.Fatalf("%v\n%s", err, out.String())
	}
	got := out.String()
	for _, want := range []string{
		`(?m)^== scan tf \(6 files`,
		`(?m)^== scan k8s \(6 files`,
		`(?m)^parse_only_warmup_wall: \d+\.\d+ s$`,
		`(?m)^parse_only_wall: \d+\.\d+ s$`,
		`(?m)^parse_only_format: hcl2 files=6 docs=6 `,
		`(?m)^parse_only_format: yaml files=6 docs=12 `,
		`(?m)^infragate_wall: \d+\.\d+ s$`,
		`(?m)^infragate_peak_rss: \d+\.\d MB$`,
		`(?m)^infragate_files_per_s: \d+$`,
		`(?m)^infragate_docs_per_s: \d+$`,
		`(?m)^infragate_findings: 3 failures / 0 warnings / 0 errors$`,
		`(?m)^infragate_findings: 0 failures / 6 warnings / 0 errors$`,
		`(?m)^ratio_infragate_to_parse_only: \d+\.\d+x$`,
		`(?m)^library_parse_wall: \d+\.\d+ s$`,
		`(?m)^ratio_infragate_to_library_parse: \d+\.\d+x$`,
		`(?m)^kit_floor_wall: \d+\.\d+ s$`,
		`(?m)^kit_floor_walls: \d+\.\d+ s( \d+\.\d+ s)*$`,
		`(?m)^ratio_infragate_to_kit_floor: \d+\.\d+x$`,
		`(?m)^conftest_wall: `,
		`(?m)^speedup_vs_conftest: \d+\.\d+x$`,
		`(?m)^files_with_different_counts: 3$`,
		`(?m)^files_with_different_counts: 6$`,
		"(?m)^difference: 6 files: conftest drops the documents after a `--- # comment` separator$",
		`(?m)^difference: 3 files: unexplained$`,
		`(?m)^== builtin library over the whole corpus \(12 files\)`,
		`(?m)^scale_1x: files=12 docs=18 .* findings=3/6 findings_scale_exactly=true walls=[0-9.]+s( [0-9.]+s)*$`,
		`(?m)^scale_3x: files=36 docs=54 .* findings=9/18 findings_scale_exactly=true walls=[0-9.]+s( [0-9.]+s)*$`,
		`(?m)^scale_no_findings_3x: files=36 docs=54 .* rss_ratio=\d+\.\d+x walls=[0-9.]+s( [0-9.]+s)*$`,
		`(?m)^process_start_median: `,
		`(?m)^builtin_compile_in_process_median: `,
		`(?m)^mr_1_files: median=\d+\.\d+ s `,
		`(?m)^mr_10_files: median=`,
		`(?m)^large: multi-document YAML size=.* rss_to_size=\d+\.\d+x docs=\d+ `,
		`(?m)^large: Terraform plan JSON size=`,
		`(?m)^speedup_second_vs_first: \d+\.\d+x$`,
		`(?m)^same_output: true$`,
	} {
		if !regexp.MustCompile(want).MatchString(got) {
			t.Errorf("output lacks %s", want)
		}
	}
	if t.Failed() {
		t.Logf("output:\n%s", got)
	}
}

func TestReplicateRenames(t *testing.T) {
	root := t.TempDir()
	write(t, root, map[string]string{
		"a.tf":   "resource \"aws_s3_bucket\" \"logs\" {\n  acl = \"x\"\n}\nmodule \"m\" {\n  source = \"./m\"\n}\n",
		"b.yaml": "apiVersion: v1\nkind: Pod\nmetadata:\n  name: \"web\"\n  namespace: x\nspec: {}\n",
	})
	dst := t.TempDir()
	list, err := bench.Replicate(root, []string{"a.tf", "b.yaml"}, 2, dst)
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"r0/a.tf", "r0/b.yaml", "r1/a.tf", "r1/b.yaml"}; strings.Join(list, " ") != strings.Join(want, " ") {
		t.Fatalf("list %v, want %v", list, want)
	}
	for file, want := range map[string]string{
		"r0/a.tf":   `resource "aws_s3_bucket" "logs" {`,
		"r1/a.tf":   `resource "aws_s3_bucket" "logs_r1" {`,
		"r1/b.yaml": `  name: "web-r1"`,
	} {
		src, err := os.ReadFile(filepath.Join(dst, file))
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(src), want) {
			t.Errorf("%s:\n%s\nlacks %s", file, src, want)
		}
	}
	src, _ := os.ReadFile(filepath.Join(dst, "r1/a.tf"))
	if !strings.Contains(string(src), `module "m_r1"`) {
		t.Errorf("module label not renamed:\n%s", src)
	}
}
