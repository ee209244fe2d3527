package policies_test

import (
	"bufio"
	"context"
	"encoding/json"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/infragate/infragate/engine"
	"github.com/infragate/infragate/inputs"
	"github.com/infragate/infragate/parsers"
	"github.com/infragate/infragate/policies"
)

func TestApplies(t *testing.T) {
	for _, tc := range []struct {
		pkg    string
		format parsers.Format
		want   bool
	}{
		{"infragate.rules.terraform.aws.s3_public_acl", parsers.HCL, true},
		{"infragate.rules.terraform.aws.s3_public_acl", parsers.JSON, true},
		{"infragate.rules.terraform.aws.s3_public_acl", parsers.YAML, false},
		{"infragate.rules.kubernetes.privileged", parsers.YAML, true},
		{"infragate.rules.kubernetes.privileged", parsers.HCL, false},
		{"infragate.rules.kubernetes.privileged", parsers.Dockerfile, false},
		{"infragate.rules.tfplan.s3_public_acl", parsers.TFPlan, true},
		{"infragate.rules.tfplan.s3_public_acl", parsers.YAML, false},
		{"infragate.rules.cloudformation.s3_public", parsers.YAML, true},
		{"infragate.rules.workflows.unpinned_action", parsers.YAML, true},
		{"infragate.rules.docker.root_user", parsers.Dockerfile, true},
		{"infragate.rules.docker.root_user", parsers.JSON, false},
		{"infragate.rules.terraform.aws.x", "", true},      // unknown format: everything
		{"infragate.rules.terraform.aws.x", "other", true}, // unknown format: everything
		{"infragate.rules.newfamily.x", parsers.HCL, true}, // unknown family: everything
		{"main", parsers.YAML, true},                       // user policies: everything
		{"infragate.lib.kubernetes", parsers.HCL, true},    // helpers: everything
		{"infragate.rulesx.terraform", parsers.YAML, true}, // not the library's prefix
		{"infragate.rules.kubernetes", parsers.Dockerfile, false},
	} {
		if got := policies.Applies(tc.pkg, tc.format); got != tc.want {
			t.Errorf("Applies(%q, %q) = %v, want %v", tc.pkg, tc.format, got, tc.want)
		}
	}
}

// TestEveryRulePackageHasAFamily checks that each rule package of the
// library is selected by format: a new family must be added to Applies,
// or its rules would run on every document.
func TestEveryRulePackageHasAFamily(t *testing.T) {
	n := 0
	err := fs.WalkDir(policies.FS(), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".rego") || strings.HasSuffix(p, "_test.rego") {
			return err
		}
		f, err := policies.FS().Open(p)
		if err != nil {
			return err
		}
		defer f.Close()
		sc := bufio.NewScanner(f)
		for sc.Scan() {
			pkg, ok := strings.CutPrefix(sc.Text(), "package ")
			if !ok {
				continue
			}
			if !strings.HasPrefix(pkg, "infragate.rules.") {
				break
			}
			n++
			if policies.Applies(pkg, "no-such-family-format") != true {
				t.Errorf("%s: unknown formats must select every package", p)
			}
			selective := false
			for _, f := range []parsers.Format{parsers.HCL, parsers.YAML, parsers.JSON, parsers.TFPlan, parsers.CloudFormation, parsers.Dockerfile, parsers.Workflow} {
				if !policies.Applies(pkg, f) {
					selective = true
				}
			}
			if !selective {
				t.Errorf("%s: package %s applies to every format: add its family to Applies", p, pkg)
			}
			break
		}
		return sc.Err()
	})
	if err != nil {
		t.Fatal(err)
	}
	if n < 100 {
		t.Errorf("found %d rule packages, expected the whole library", n)
	}
}

// TestSelectionKeepsFindings evaluates the library with and without
// selection by format and by guard (Applies, Guard) and requires the same
// findings: over every fixture of the library, and over the real-world
// corpus when INFRAGATE_CORPUS names it (INDEX.tsv lists its files; about a
// minute).
// libraryTestFiles lists the files the library's selection tests
// compare findings on: every fixture of the library's rules or, with
// INFRAGATE_CORPUS (the unpacked corpus; the test then runs in it), every
// file of the corpus's INDEX.tsv.
func libraryTestFiles(t *testing.T) []engine.File {
	t.Helper()
	var paths []string
	dirs, _ := filepath.Glob("*/testdata")
	paths = append(paths, dirs...)
	dir := "."
	if root := os.Getenv("INFRAGATE_CORPUS"); root != "" {
		list, err := os.ReadFile(filepath.Join(root, "INDEX.tsv"))
		if err != nil {
			t.Fatal(err)
		}
		paths = nil
		for _, line := range strings.Split(string(list), "\n")[1:] {
			if p, _, ok := strings.Cut(line, "\t"); ok {
				paths = append(paths, p)
			}
		}
		t.Chdir(root)
	}
	dir, _ = filepath.Abs(dir)
	found, err := inputs.Collect(paths, inputs.Options{Dir: dir, Registry: parsers.Default(), SkipUnknown: true})
	if err != nil {
		t.Fatal(err)
	}
	files := found.Files
	for i := range files {
		if !filepath.IsAbs(files[i].Path) {
			files[i].Path = filepath.Join(dir, files[i].Path)
		}
	}
	return files
}

func TestSelectionKeepsFindings(t *testing.T) {
	files := libraryTestFiles(t)
	report := func(applies func(string, parsers.Format) bool, guard func(string, parsers.Format) string) *engine.Report {
		eng, err := engine.New(context.Background(), engine.Options{Builtin: policies.FS(), Applies: applies, Guard: guard})
		if err != nil {
			t.Fatal(err)
		}
		rep, err := eng.Check(context.Background(), files)
		if err != nil {
			t.Fatal(err)
		}
		return rep
	}
	all, selected := report(nil, nil), report(policies.Applies, policies.Guard)
	// Only with selection does the catalogue say which formats a rule
	// applies to (engine.Rule.Formats); the rules are the same.
	for i := range selected.Rules {
		selected.Rules[i].Formats = nil
	}
	// Nor which packages guards left out of a file (Report.Guarded).
	selected.Guarded = nil
	if len(all.Findings) == 0 {
		t.Fatal("no findings: the comparison would prove nothing")
	}
	if !reflect.DeepEqual(all, selected) {
		t.Errorf("findings differ with selection: %d without, %d with", len(all.Findings), len(selected.Findings))
		n := 0
		for i := range min(len(all.Findings), len(selected.Findings)) {
			if !reflect.DeepEqual(all.Findings[i], selected.Findings[i]) && n < 5 {
				t.Errorf("first differences:\n  without %+v\n  with    %+v", all.Findings[i], selected.Findings[i])
				n++
			}
		}
	}
	t.Logf("%d files, %d findings, identical", len(files), len(all.Findings))

	// Compiled for one format at a time (engine.Options.Formats: the
	// library's rules of other formats are left out), each format's files
	// give the same findings.
	byFormat := map[parsers.Format][]engine.File{}
	for _, f := range files {
		byFormat[f.Format] = append(byFormat[f.Format], f)
	}
	for _, format := range slices.Sorted(maps.Keys(byFormat)) {
		eng, err := engine.New(context.Background(), engine.Options{Builtin: policies.FS(), Applies: policies.Applies, Guard: policies.Guard, Formats: []parsers.Format{format}})
		if err != nil {
			t.Fatal(err)
		}
		if len(eng.Rules()) >= len(selected.Rules) {
			t.Errorf("%s: %d rules compiled of %d: nothing left out", format, len(eng.Rules()), len(selected.Rules))
		}
		rep, err := eng.Check(context.Background(), byFormat[format])
		if err != nil {
			t.Fatal(err)
		}
		names := map[string]bool{}
		for _, f := range byFormat[format] {
			names[f.Name] = true
		}
		want := []engine.Finding{}
		for _, f := range selected.Findings {
			if names[f.File] {
				want = append(want, f)
			}
		}
		if !reflect.DeepEqual(rep.Findings, want) {
			t.Errorf("%s: findings differ when only its rules are compiled: %d, want %d", format, len(rep.Findings), len(want))
		}
	}
}

func TestListItems(t *testing.T) {
	for _, tc := range []struct {
		doc  string
		want bool
	}{
		{`{"apiVersion": "v1", "kind": "List", "items": []}`, true},
		{`{"apiVersion": "v1", "kind": "DeploymentList", "items": [{}]}`, true},
		{`{"kind": "List", "items": []}`, false},                           // not a Kubernetes object
		{`{"apiVersion": "v1", "kind": "List", "items": {}}`, false},       // items not an array
		{`{"apiVersion": "v1", "kind": "Deployment", "items": []}`, false}, // not a list kind
		{`{"apiVersion": "v1", "kind": "List"}`, false},
		{`[1, 2]`, false},
	} {
		var doc any
		if err := json.Unmarshal([]byte(tc.doc), &doc); err != nil {
			t.Fatal(err)
		}
		p, ok := policies.ListItems(doc)
		if ok != tc.want || (ok && !slices.Equal(p, parsers.Path{"items"})) {
			t.Errorf("ListItems(%s) = %v, %v; want %v", tc.doc, p, ok, tc.want)
		}
	}
	for pkg, want := range map[string]bool{
		"infragate.rules.kubernetes.host_network": true,
		"infragate.rules.kubernetesx.y":           false,
		"infragate.rules.terraform.aws.s3":        false,
		"main":                                    false,
	} {
		if got := policies.JudgesItems(pkg); got != want {
			t.Errorf("JudgesItems(%q) = %v, want %v", pkg, got, want)
		}
	}
}
