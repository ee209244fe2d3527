package policies_test

import (
	"io/fs"
	"strings"
	"testing"

	"github.com/open-policy-agent/opa/v1/ast"

	"github.com/infragate/infragate/parsers"
	"github.com/infragate/infragate/policies"
)

// TestGuardsNameRules checks that every guard the library declares is a
// rule of the library (the engine ignores a guard that names none, which
// would quietly cost the speed), that every package listed as a pod rule
// exists, and which families have guards.
func TestGuardsNameRules(t *testing.T) {
	mods := map[string]*ast.Module{}
	err := fs.WalkDir(policies.FS(), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".rego") || strings.HasSuffix(p, "_test.rego") {
			return err
		}
		src, err := fs.ReadFile(policies.FS(), p)
		if err != nil {
			return err
		}
		mods[p], err = ast.ParseModuleWithOpts(p, string(src), ast.ParserOptions{RegoVersion: ast.RegoV1})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	c := ast.NewCompiler()
	if c.Compile(mods); c.Failed() {
		t.Fatal(c.Errors)
	}
	guarded := map[string]int{}
	pods := 0
	for _, m := range mods {
		pkg := strings.TrimPrefix(m.Package.Path.String(), "data.")
		g := policies.Guard(pkg, parsers.JSON)
		if g == "" {
			continue
		}
		family := strings.Split(pkg, ".")[2]
		guarded[family]++
		if strings.HasSuffix(g, ".pod_spec_path") {
			pods++
		}
		if len(c.GetRulesExact(ast.MustParseRef(g))) == 0 {
			t.Errorf("%s: guard %s names no rule of the library", pkg, g)
		}
	}
	for _, family := range []string{"kubernetes", "cloudformation", "workflows", "terraform"} {
		if guarded[family] == 0 {
			t.Errorf("no %s package has a guard", family)
		}
	}
	if guarded["tfplan"] != 0 || guarded["docker"] != 0 {
		t.Errorf("guards for families without one: %v", guarded)
	}
	if g := policies.Guard("infragate.rules.terraform.aws.s3_public_acl", parsers.HCL); g != "" {
		t.Errorf("Terraform rules on .tf files have guard %s: every .tf file would pay for it", g)
	}
	if want := policies.PodRules(); pods != want {
		t.Errorf("%d packages have the pod guard, but %d are listed: a listed package does not exist", pods, want)
	}
	if policies.Guard("main", parsers.YAML) != "" || policies.Guard("infragate.lib.kubernetes", parsers.YAML) != "" {
		t.Error("packages that are not the library's rules must have no guard")
	}
}
