package cmd

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/infragate/infragate/parsers"
)

func TestNeededPackages(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"aws.tf":              `resource "aws_s3_bucket" "b" {}`,
		"azure.tf":            `provider "azurerm" {}`,
		"gcp.tf.json":         `{"data": {"google_project": {"p": {}}}}`,
		"pod.yaml":            "apiVersion: v1\nkind: Pod\n",
		"bad.tf":              `resource "aws_s3_bucket" {`,
		"app.txt":             `resource "google_x" "y" {}`,
		"wf.yml":              "on: push\njobs: {}\n",
		"kustomization.yaml":  "resources: [pod.yaml]\n",
		"Chart.yaml":          "name: c\n",
		"templates/_pod.yaml": "apiVersion: v1\nkind: Pod\n",
		"cfn.json":            `{"Resources": {}}`,
	}
	for name, src := range files {
		if err := os.MkdirAll(filepath.Dir(filepath.Join(dir, name)), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name), []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Symlink("aws.tf", filepath.Join(dir, "link.tf")); err != nil {
		t.Fatal(err)
	}
	const aws, azure, gcp = "infragate.rules.terraform.aws.x", "infragate.rules.terraform.azure.x", "infragate.rules.terraform.gcp.x"
	const k8s, cfn, gha, docker = "infragate.rules.kubernetes.x", "infragate.rules.cloudformation.x", "infragate.rules.workflows.x", "infragate.rules.docker.x"
	claim := claimKustomizations(helmClaim(dir))
	for _, tc := range []struct {
		name   string
		paths  []string
		parser string
		claim  bool
		want   map[string]bool // nil: no narrowing
	}{
		{"one provider and a pod", []string{"aws.tf", "pod.yaml"}, "", false, map[string]bool{aws: true, azure: false, gcp: false, k8s: true, cfn: false, gha: false, docker: true}},
		{"provider block and json", []string{"azure.tf", "gcp.tf.json"}, "", false, map[string]bool{aws: false, azure: true, gcp: true, k8s: false}},
		{"a workflow", []string{"wf.yml"}, "", true, map[string]bool{aws: false, k8s: false, cfn: false, gha: true, docker: true}},
		{"a template", []string{"cfn.json"}, "", false, map[string]bool{k8s: false, cfn: true, gha: false}},
		{"forced parser", []string{"app.txt"}, "hcl2", false, map[string]bool{aws: false, azure: false, gcp: true}},
		{"everything", []string{"aws.tf", "azure.tf", "gcp.tf.json", "pod.yaml", "cfn.json", "wf.yml"}, "", false, nil},
		{"does not parse", []string{"aws.tf", "bad.tf"}, "", false, nil},
		{"missing", []string{"nope.tf"}, "", false, nil},
		{"standard input", []string{"-"}, "hcl2", false, nil},
		{"a link", []string{"link.tf"}, "", false, nil},
		{"a kustomization", []string{"pod.yaml", "kustomization.yaml"}, "", true, nil},
		{"a chart", []string{"Chart.yaml"}, "", true, nil},
		{"a partial", []string{"templates/_pod.yaml"}, "", true, nil},
		{"a kustomization, not rendered", []string{"kustomization.yaml"}, "", false, map[string]bool{k8s: false}},
	} {
		var paths []string
		for _, p := range tc.paths {
			if p != "-" {
				p = filepath.Join(dir, p)
			}
			paths = append(paths, p)
		}
		var c func(string) (parsers.Format, bool)
		if tc.claim {
			c = claim
		}
		needed := neededPackages(paths, tc.parser, c)
		if (needed == nil) != (tc.want == nil) {
			t.Errorf("%s: narrowing %v, want %v", tc.name, needed != nil, tc.want != nil)
			continue
		}
		for pkg, want := range tc.want {
			if got := needed(pkg); got != want {
				t.Errorf("%s: needed(%s) = %v, want %v", tc.name, pkg, got, want)
			}
		}
	}
}
