package cmd

import (
	"os"
	"regexp"
	"testing"

	goyaml "go.yaml.in/yaml/v3"

	"github.com/infragate/infragate/parsers"
)

// TestPreCommitHookFiles: the infragate hook hands pre-commit's staged
// files to check by its files and exclude patterns; they must select what
// infragate reads (parsers.DetectFormat), plus a chart's partials and a
// file named Kustomization, and leave out JSON with comments and the
// documentation or templates of a format.
func TestPreCommitHookFiles(t *testing.T) {
	src, err := os.ReadFile("../.pre-commit-hooks.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var hooks []struct {
		ID      string `yaml:"id"`
		Files   string `yaml:"files"`
		Exclude string `yaml:"exclude"`
	}
	if err := goyaml.Unmarshal(src, &hooks); err != nil {
		t.Fatal(err)
	}
	var files, exclude *regexp.Regexp
	for _, h := range hooks {
		if h.ID == "infragate" {
			files, exclude = regexp.MustCompile(h.Files), regexp.MustCompile(h.Exclude)
		}
	}
	if files == nil {
		t.Fatal("no infragate hook")
	}
	selected := func(name string) bool { return files.MatchString(name) && !exclude.MatchString(name) }
	special := map[string]bool{ // read, though DetectFormat does not claim them
		"charts/app/templates/_helpers.tpl": true, "overlays/prod/Kustomization": true,
	}
	unread := map[string]bool{ // claimed, but the hook leaves them out
		"tsconfig.json": true, ".vscode/settings.json": true,
	}
	for _, name := range []string{
		"main.tf", "x.tofu", "prod.tfvars", "terragrunt.hcl", "k8s/pod.yaml", "ci.yml", "plan.json",
		"Dockerfile", "app/Dockerfile.prod", "Containerfile", "x.dockerfile",
		"pyproject.toml", "php.ini", ".env", "deploy/.env.prod", "prod.env", "x.dotenv", "app.properties",
		"charts/app/templates/_helpers.tpl", "overlays/prod/Kustomization",
		"tsconfig.json", ".vscode/settings.json",
		"README.md", "Dockerfile.md", ".env.md", ".env.j2", "main.go", "notes.txt", "Makefile", "x.xml",
	} {
		_, claimed := parsers.DetectFormat(name)
		want := (claimed || special[name]) && !unread[name]
		if got := selected(name); got != want {
			t.Errorf("%s: hook selects it: %t, want %t (DetectFormat: %t)", name, got, want, claimed)
		}
	}
}
