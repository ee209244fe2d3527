package policies_test

import (
	"context"
	"os"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

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

func TestTerraformProviders(t *testing.T) {
	for _, tc := range []struct {
		doc  string
		want []string
	}{
		{`{"resource": {"aws_s3_bucket": {"b": [{}]}, "google_sql_database_instance": {"d": [{}]}}}`, []string{"aws", "google"}},
		{`{"data": {"azurerm_client_config": {"c": [{}]}}, "provider": {"aws": [{}]}}`, []string{"aws", "azurerm"}},
		{`{"resource": [{"aws_instance": {"i": {}}}], "provider": [{"google": {}}]}`, []string{"aws", "google"}},
		{`[{"resource": {"azurerm_storage_account": {}}}, {"provider": {"aws": {}}}]`, []string{"aws", "azurerm"}},
		{`{"resource": {"random": {}}, "module": {"m": [{"source": "aws_thing"}]}, "variable": {"aws_x": [{}]}}`, []string{"random"}},
		{`{"resource": "aws_s3_bucket", "provider": ["aws"]}`, []string{}},
		{`{"apiVersion": "v1", "kind": "Pod"}`, []string{}},
	} {
		docs, err := (&parsers.JSONParser{}).Parse("x.json", []byte(tc.doc))
		if err != nil {
			t.Fatal(err)
		}
		var v any = docs[0].Value
		if len(docs) > 1 { // a top-level array, one document per element
			var elems []any
			for _, d := range docs {
				elems = append(elems, d.Value)
			}
			v = elems
		}
		if d := cmp.Diff(tc.want, policies.TerraformProviders(v)); d != "" {
			t.Errorf("%s (-want +got):\n%s", tc.doc, d)
		}
	}
}

// TestProviderRulesNeedTheirProvider checks policies.Provider's promise:
// every finding of a provider's rules is in a file whose documents use
// that provider, on every fixture and, with INFRAGATE_CORPUS, on every
// corpus file. Then the narrowing it allows is checked end to end: the
// library compiled for Terraform with only one provider's rules gives that
// provider's files the same findings.
func TestProviderRulesNeedTheirProvider(t *testing.T) {
	files := libraryTestFiles(t)
	eng, err := engine.New(context.Background(), engine.Options{Builtin: policies.FS(), Applies: policies.Applies, Guard: policies.Guard})
	if err != nil {
		t.Fatal(err)
	}
	rep, err := eng.Check(context.Background(), files)
	if err != nil {
		t.Fatal(err)
	}
	paths := map[string]string{}
	for _, f := range files {
		paths[f.Name] = f.Path
	}
	uses := map[string][]string{} // by file
	checked := map[string]int{}   // findings by provider
	for _, f := range rep.Findings {
		rule := strings.TrimPrefix(f.Rule, "data.")
		provider := policies.Provider(rule[:max(strings.LastIndexByte(rule, '.'), 0)])
		if provider == "" {
			continue
		}
		if _, ok := uses[f.File]; !ok {
			uses[f.File] = fileProviders(t, paths[f.File], rep.Formats[f.File])
		}
		if !slices.Contains(uses[f.File], provider) {
			t.Errorf("%s:%d: %s (%s) in a file that uses the providers %v", f.File, f.StartLine, f.ID, provider, uses[f.File])
		}
		checked[provider]++
	}
	for _, p := range policies.Providers() {
		if checked[p] == 0 {
			t.Errorf("no finding of the %s rules: the check proves nothing for them", p)
		}
	}
	t.Logf("%d files; provider findings checked: %v", len(files), checked)

	// The library compiled for the files of one provider.
	for _, p := range policies.Providers() {
		needed := func(pkg string) bool { q := policies.Provider(pkg); return q == "" || q == p }
		narrow, err := engine.New(context.Background(), engine.Options{Builtin: policies.FS(), Applies: policies.Applies, Guard: policies.Guard,
			Formats: []parsers.Format{parsers.HCL, parsers.JSON}, Needed: needed})
		if err != nil {
			t.Fatal(err)
		}
		var mine []engine.File
		names := map[string]bool{}
		for _, f := range files {
			if (f.Format == parsers.HCL || f.Format == parsers.JSON) && slices.Equal(fileProviders(t, f.Path, f.Format), []string{p}) {
				mine = append(mine, f)
				names[f.Name] = true
			}
		}
		for _, r := range narrow.Rules() {
			if q := policies.Provider(r.Package); q != "" && q != p {
				t.Errorf("%s: %s's rule %s was compiled", p, q, r.ID)
			}
		}
		got, err := narrow.Check(context.Background(), mine)
		if err != nil {
			t.Fatal(err)
		}
		want := []engine.Finding{}
		for _, f := range rep.Findings {
			if names[f.File] {
				want = append(want, f)
			}
		}
		if len(want) == 0 {
			t.Errorf("%s: no findings in its %d files: the comparison proves nothing", p, len(mine))
		}
		if !reflect.DeepEqual(got.Findings, want) {
			t.Errorf("%s: findings differ with only its rules compiled: %d, want %d", p, len(got.Findings), len(want))
		}
	}
}

// fileProviders returns the providers a file's documents use.
func fileProviders(t *testing.T, path string, format parsers.Format) []string {
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
	var out []string
	for _, d := range docs {
		out = append(out, policies.TerraformProviders(d.Value)...)
	}
	slices.Sort(out)
	return slices.Compact(out)
}
