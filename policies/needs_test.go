package policies_test

import (
	"context"
	"encoding/json"
	"io/fs"
	"os"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/open-policy-agent/opa/v1/rego"

	"github.com/infragate/infragate/engine"
	"github.com/infragate/infragate/parsers"
	"github.com/infragate/infragate/policies"
)

func TestProvider(t *testing.T) {
	for pkg, want := range map[string]string{
		"infragate.rules.terraform.aws.s3_public_acl":        "aws",
		"infragate.rules.terraform.azure.storage_https_only": "azurerm",
		"infragate.rules.terraform.gcp.sql_public_ip":        "google",
		"infragate.rules.terraform.module_source":            "",
		"infragate.rules.tfplan.aws.s3_public_acl":           "",
		"infragate.lib.terraform":                            "",
		"main":                                               "",
	} {
		if got := policies.Provider(pkg); got != want {
			t.Errorf("Provider(%q) = %q, want %q", pkg, got, want)
		}
	}
}

func TestUsage(t *testing.T) {
	const aws, azure, gcp = "infragate.rules.terraform.aws.x", "infragate.rules.terraform.azure.x", "infragate.rules.terraform.gcp.x"
	const k8s, cfn, gha, docker, plan = "infragate.rules.kubernetes.x", "infragate.rules.cloudformation.x", "infragate.rules.workflows.x", "infragate.rules.docker.x", "infragate.rules.tfplan.x"
	const pod = "infragate.rules.kubernetes.privileged"
	all := []string{aws, azure, gcp, k8s, pod, cfn, gha, docker, plan, "main", "infragate.lib.kubernetes"}
	for _, tc := range []struct {
		doc  string
		want []string // the packages needed
	}{
		{`{"resource": {"aws_s3_bucket": {"b": [{}]}, "google_sql_database_instance": {"d": [{}]}}}`, []string{aws, gcp}},
		{`{"data": {"azurerm_client_config": {"c": [{}]}}, "provider": {"aws": [{}]}}`, []string{aws, azure}},
		{`{"resource": [{"aws_instance": {"i": {}}}], "provider": [{"google": {}}]}`, []string{aws, gcp}},
		{`[{"resource": {"azurerm_storage_account": {}}}, {"provider": {"aws": {}}}]`, []string{aws, azure}},
		{`{"resource": {"random": {}}, "module": {"m": [{"source": "aws_thing"}]}, "variable": {"aws_x": [{}]}}`, nil},
		{`{"resource": "aws_s3_bucket", "provider": ["aws"]}`, nil},
		{`{"apiVersion": "v1", "kind": "Pod"}`, []string{k8s, pod}},
		{`{"apiVersion": 1, "kind": null}`, []string{k8s, pod}},
		{`{"apiVersion": "v1", "kind": "Service"}`, []string{k8s}},
		{`{"apiVersion": "rbac.authorization.k8s.io/v1", "kind": "ClusterRoleBinding"}`, []string{k8s}},
		{`{"apiVersion": "serving.knative.dev/v1", "kind": "Service"}`, []string{k8s, pod}},
		{`{"apiVersion": "apps/v1", "kind": "Deployment"}`, []string{k8s, pod}},
		{`{"apiVersion": "v1", "kind": "List", "items": [{"apiVersion": "v1", "kind": "Pod"}]}`, []string{k8s, pod}},
		{`{"apiVersion": "v1", "kind": "ConfigMapx"}`, []string{k8s, pod}},
		{`{"kind": "Pod"}`, nil},
		{`{"Resources": {}}`, []string{cfn}},
		{`{"on": "push", "jobs": 1}`, []string{gha}},
		{`[{"jobs": {}}, {"apiVersion": "v1", "kind": "List", "items": []}]`, []string{k8s, pod, gha}},
		{`"text"`, nil},
	} {
		var v any
		if err := json.Unmarshal([]byte(tc.doc), &v); err != nil {
			t.Fatal(err)
		}
		var u policies.Usage
		u.Add(v)
		want := append([]string{docker, plan, "main", "infragate.lib.kubernetes"}, tc.want...)
		var got []string
		for _, pkg := range all {
			if u.Needed(pkg) {
				got = append(got, pkg)
			}
		}
		slices.Sort(want)
		slices.Sort(got)
		if d := cmp.Diff(want, got); d != "" {
			t.Errorf("%s (-want +got):\n%s", tc.doc, d)
		}
		if u.Everything() {
			t.Errorf("%s: needs everything", tc.doc)
		}
	}
	var u policies.Usage
	for _, doc := range []string{`{"apiVersion": "v1", "kind": "Pod", "Resources": {}, "jobs": {}}`, `{"resource": {"aws_x": {}, "azurerm_x": {}, "google_x": {}}}`} {
		var v any
		if err := json.Unmarshal([]byte(doc), &v); err != nil {
			t.Fatal(err)
		}
		u.Add(v)
	}
	if !u.Everything() {
		t.Errorf("every family used: Everything() is false")
	}
}

// TestNeededKeepsFindings checks policies.Usage's promise: every finding
// of the library is in a file whose usage needs its package, on every
// fixture and, with INFRAGATE_CORPUS, on every corpus file. Then the
// narrowing it allows is checked end to end: the files of each usage,
// with only the library's packages that usage needs compiled (for their
// formats), give the same findings.
func TestNeededKeepsFindings(t *testing.T) {
	files := libraryTestFiles(t)
	eng, err := engine.New(context.Background(), engine.Options{Builtin: policies.FS(), Applies: policies.Applies, Guard: policies.Guard})
	if err != nil {
		t.Fatal(err)
	}
	rep, err := eng.Check(context.Background(), files)
	if err != nil {
		t.Fatal(err)
	}
	usages := map[string]*policies.Usage{} // by file
	for _, f := range files {
		usages[f.Name] = fileUsage(t, f.Path, f.Format)
	}
	checked := map[string]int{} // findings by family
	for _, f := range rep.Findings {
		rule := strings.TrimPrefix(f.Rule, "data.")
		pkg := rule[:max(strings.LastIndexByte(rule, '.'), 0)]
		if u := usages[f.File]; u != nil && !u.Needed(pkg) {
			t.Errorf("%s:%d: %s (%s) in a file whose usage does not need it", f.File, f.StartLine, f.ID, pkg)
		}
		family, _, _ := strings.Cut(strings.TrimPrefix(pkg, "infragate.rules."), ".")
		if p := policies.Provider(pkg); p != "" {
			family = p
		}
		checked[family]++
	}
	for _, family := range append(policies.Providers(), "kubernetes", "cloudformation", "workflows") {
		if checked[family] == 0 {
			t.Errorf("no finding of the %s rules: the check proves nothing for them", family)
		}
	}
	t.Logf("%d files; findings checked: %v", len(files), checked)

	// The files of each usage (the packages it needs), compiled for.
	var pkgs []string
	for _, r := range eng.Rules() {
		pkgs = append(pkgs, r.Package)
	}
	slices.Sort(pkgs)
	pkgs = slices.Compact(pkgs)
	groups := map[string][]engine.File{}
	needs := map[string]*policies.Usage{}
	for _, f := range files {
		u := usages[f.Name]
		if u == nil {
			continue
		}
		var key strings.Builder
		key.WriteString(string(f.Format))
		for _, p := range pkgs {
			if u.Needed(p) {
				key.WriteString(" " + p)
			}
		}
		groups[key.String()] = append(groups[key.String()], f)
		needs[key.String()] = u
	}
	compared := 0
	for key, group := range groups {
		format := group[0].Format
		narrow, err := engine.New(context.Background(), engine.Options{Builtin: policies.FS(), Applies: policies.Applies, Guard: policies.Guard,
			Formats: []parsers.Format{format}, Needed: needs[key].Needed})
		if err != nil {
			t.Fatal(err)
		}
		names := map[string]bool{}
		for _, f := range group {
			names[f.Name] = true
		}
		want := []engine.Finding{}
		for _, f := range rep.Findings {
			if names[f.File] {
				want = append(want, f)
			}
		}
		got, err := narrow.Check(context.Background(), group)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got.Findings, want) {
			t.Errorf("%s: findings differ with only the packages it needs compiled: %d, want %d", key, len(got.Findings), len(want))
		}
		compared += len(want)
	}
	if compared == 0 {
		t.Error("no findings compared")
	}
	t.Logf("%d usages, %d findings compared", len(groups), compared)
}

// fileUsage returns what a file's documents hold (nil when its format has
// no parser or it does not parse: no rule runs on it).
func fileUsage(t *testing.T, path string, format parsers.Format) *policies.Usage {
	t.Helper()
	p := parsers.Default()[format]
	if p == nil {
		return nil
	}
	src, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	docs, err := p.Parse(path, src)
	if err != nil {
		return nil
	}
	u := &policies.Usage{}
	for _, d := range docs {
		u.Add(d.Value)
	}
	return u
}

// TestUsagePodsCoverThePodGuard ties Usage's Go tables (the built-in
// kinds without pods) to the library's Rego ones: every kind of
// pod_spec_paths, whatever its apiVersion, and every custom resource of
// crd_pod_spec_paths needs the pod rules.
func TestUsagePodsCoverThePodGuard(t *testing.T) {
	var opts []func(*rego.Rego)
	err := fs.WalkDir(policies.FS(), "lib", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".rego") || strings.HasSuffix(path, "_test.rego") {
			return err
		}
		src, err := fs.ReadFile(policies.FS(), path)
		opts = append(opts, rego.Module(path, string(src)))
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	rs, err := rego.New(append(opts, rego.Query("x := data.infragate.lib.kubernetes.pod_spec_paths; y := data.infragate.lib.kubernetes.crd_pod_spec_paths"))...).Eval(context.Background())
	if err != nil || len(rs) != 1 {
		t.Fatalf("%v %v", rs, err)
	}
	kinds, _ := rs[0].Bindings["x"].(map[string]any)
	crds, _ := rs[0].Bindings["y"].(map[string]any)
	if len(kinds) == 0 || len(crds) == 0 {
		t.Fatalf("tables not found: %v %v", kinds, crds)
	}
	const pod = "infragate.rules.kubernetes.privileged"
	needs := func(apiVersion, kind string) {
		t.Helper()
		var u policies.Usage
		u.Add(map[string]any{"apiVersion": apiVersion, "kind": kind})
		if !u.Needed(pod) {
			t.Errorf("apiVersion %s, kind %s: the pod rules are left out", apiVersion, kind)
		}
	}
	for kind := range kinds {
		for _, api := range []string{"v1", "apps/v1", "batch/v1", "networking.k8s.io/v1"} {
			needs(api, kind)
		}
	}
	for group, ks := range crds {
		for kind := range ks.(map[string]any) {
			needs(group+"/v1", kind)
		}
	}
}
