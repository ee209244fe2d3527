package engine

import (
	"context"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/open-policy-agent/opa/v1/ast"

	"github.com/infragate/infragate/parsers"
	"github.com/infragate/infragate/policies"
)

func TestPackageClause(t *testing.T) {
	for _, tc := range []struct{ src, want string }{
		{"package main\n", "main"},
		{"# METADATA\n# title: x\n\n  package a.b.c  \nimport rego.v1\n", "a.b.c"},
		{"package a.b # trailing comment\n", ""},
		{"package a[\"b-c\"]\n", ""},
		{"import rego.v1\npackage main\n", ""},
		{"packagemain\n", ""},
		{"# only comments\n", ""},
		{"", ""},
	} {
		if got := packageClause([]byte(tc.src)); got != tc.want {
			t.Errorf("packageClause(%q) = %q, want %q", tc.src, got, tc.want)
		}
	}
}

// Every module of the library states its package plainly, and its helpers
// (packages outside BuiltinPrefix) never read its rule packages: leaving
// out rule packages (libraryFor) cannot change what the rest computes.
func TestLibraryHelpersDoNotReadRules(t *testing.T) {
	lib, err := readFSPolicies(policies.FS(), false)
	if err != nil {
		t.Fatal(err)
	}
	helpers := map[string]*ast.Module{}
	for _, s := range lib {
		m, err := ast.ParseModuleWithOpts(s.name, string(s.src), ast.ParserOptions{RegoVersion: ast.RegoV1})
		if err != nil {
			t.Fatal(err)
		}
		if got, want := packageClause(s.src), packagePath(m.Package); got != want {
			t.Errorf("%s: package clause read as %q, parsed as %q", s.name, got, want)
		}
		if !strings.HasPrefix(packagePath(m.Package), BuiltinPrefix) {
			helpers[s.name] = m
		}
	}
	if len(helpers) == 0 {
		t.Fatal("no helper modules: the check would prove nothing")
	}
	if libraryReadable(helpers) {
		t.Error("a helper module of the library reads its rule packages")
	}
}

func TestLibraryReadable(t *testing.T) {
	for _, tc := range []struct {
		src  string
		want bool
	}{
		{"package main\ndeny contains 1 if input.x", false},
		{"package main\ndeny contains 1 if data.infragate.lib.kubernetes.is_k8s", false},
		{"package main\ndeny contains 1 if data.other.rules", false},
		{"package main\ndeny contains x if some x in data.infragate.rules.kubernetes.privileged.deny", true},
		{"package main\nimport data.infragate.rules.terraform\ndeny contains 1 if terraform.x", true},
		{"package main\ndeny contains 1 if data.infragate[k]", true},
		{"package main\ndeny contains 1 if data[k].rules", true},
		{"package main\ndeny contains 1 if walk(data, _)", true},
		{"package infragate.rules.terraform.mine\ndeny contains 1 if input.x", true},
	} {
		m, err := ast.ParseModuleWithOpts("p.rego", tc.src, ast.ParserOptions{RegoVersion: ast.RegoV1})
		if err != nil {
			t.Fatal(err)
		}
		if got := libraryReadable(map[string]*ast.Module{"p.rego": m}); got != tc.want {
			t.Errorf("libraryReadable(%q) = %t, want %t", tc.src, got, tc.want)
		}
	}
}

// An engine for the formats at hand compiles the library's rules of those
// formats and its helpers; one whose user policies can read the library's
// rules compiles them all.
func TestLibraryForFormats(t *testing.T) {
	ids := func(opts Options) []string {
		t.Helper()
		opts.Builtin, opts.Applies, opts.Guard = policies.FS(), policies.Applies, policies.Guard
		e, err := New(context.Background(), opts)
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, r := range e.Rules() {
			out = append(out, r.ID)
		}
		return out
	}
	has := func(ids []string, prefix string) bool {
		return slices.ContainsFunc(ids, func(id string) bool { return strings.HasPrefix(id, prefix) })
	}
	all := ids(Options{})
	docker := ids(Options{Formats: []parsers.Format{parsers.Dockerfile}})
	if !has(docker, "IG-DOCKER-") || has(docker, "IG-K8S-") || has(docker, "IG-AWS-") || len(docker) >= len(all) {
		t.Errorf("Dockerfiles only: %d of %d rules: %v", len(docker), len(all), docker)
	}
	yaml := ids(Options{Formats: []parsers.Format{parsers.YAML}})
	if !has(yaml, "IG-K8S-") || !has(yaml, "IG-CFN-") || has(yaml, "IG-DOCKER-") || has(yaml, "IG-AWS-") {
		t.Errorf("YAML only: %v", yaml)
	}
	if both := ids(Options{Formats: []parsers.Format{parsers.Dockerfile, parsers.YAML}}); len(both) != len(docker)+len(yaml) {
		t.Errorf("Dockerfiles and YAML: %d rules, want %d", len(both), len(docker)+len(yaml))
	}

	dir := writePolicy(t, map[string]string{"p.rego": "package main\nimport rego.v1\ndeny contains m if some m in data.infragate.rules.kubernetes.privileged.deny\n"})
	if got := ids(Options{Policies: []string{dir}, Formats: []parsers.Format{parsers.Dockerfile}}); len(got) != len(all)+1 {
		t.Errorf("a user policy reads the library's rules: %d rules compiled, want every one (%d) and its own", len(got), len(all)+1)
	}
}

// The query of every rule is prepared only when a document needs it: with
// the library's selection and guards, a Deployment is evaluated with the
// Kubernetes rules alone, and start-up does not pay for the rest.
func TestAllRulesPreparedOnUse(t *testing.T) {
	e, err := New(context.Background(), Options{Builtin: policies.FS(), Applies: policies.Applies, Guard: policies.Guard, Formats: []parsers.Format{parsers.YAML}})
	if err != nil {
		t.Fatal(err)
	}
	reg := parsers.Default()
	deployment := File{Name: "d.yaml", Content: []byte("apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      containers:\n        - name: app\n          image: nginx:latest\n"), Parser: reg[parsers.YAML], Format: parsers.YAML}
	rep, err := e.Check(context.Background(), []File{deployment})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Summary.Failures == 0 {
		t.Fatal("no findings on a Deployment running nginx:latest as root")
	}
	if !reflect.ValueOf(e.all).IsZero() {
		t.Error("the query of every rule was prepared, though no document needed it")
	}
	// Without guards, every rule compiled for YAML applies to it.
	e, err = New(context.Background(), Options{Builtin: policies.FS(), Applies: policies.Applies, Formats: []parsers.Format{parsers.YAML}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := e.Check(context.Background(), []File{deployment}); err != nil {
		t.Fatal(err)
	}
	if reflect.ValueOf(e.all).IsZero() {
		t.Error("the query of every rule was not prepared, though the document needed it")
	}
}
