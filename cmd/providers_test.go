package cmd

import (
	"os"
	"path/filepath"
	"testing"
)

func TestNeededProviders(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"aws.tf":      `resource "aws_s3_bucket" "b" {}`,
		"azure.tf":    `provider "azurerm" {}`,
		"gcp.tf.json": `{"data": {"google_project": {"p": {}}}}`,
		"pod.yaml":    "kind: Pod\n",
		"bad.tf":      `resource "aws_s3_bucket" {`,
		"app.txt":     `resource "google_x" "y" {}`,
	}
	for name, src := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	const aws, azure, gcp, other = "infragate.rules.terraform.aws.x", "infragate.rules.terraform.azure.x", "infragate.rules.terraform.gcp.x", "infragate.rules.kubernetes.x"
	for _, tc := range []struct {
		name   string
		paths  []string
		parser string
		want   map[string]bool // nil: no narrowing
	}{
		{"one provider", []string{"aws.tf", "pod.yaml"}, "", map[string]bool{aws: true, azure: false, gcp: false, other: true}},
		{"provider block and json", []string{"azure.tf", "gcp.tf.json"}, "", map[string]bool{aws: false, azure: true, gcp: true, other: true}},
		{"no terraform", []string{"pod.yaml"}, "", map[string]bool{aws: false, azure: false, gcp: false, other: true}},
		{"forced parser", []string{"app.txt"}, "hcl2", map[string]bool{aws: false, azure: false, gcp: true, other: true}},
		{"every provider", []string{"aws.tf", "azure.tf", "gcp.tf.json"}, "", nil},
		{"does not parse", []string{"aws.tf", "bad.tf"}, "", nil},
		{"missing", []string{"nope.tf"}, "", nil},
		{"standard input", []string{"-"}, "hcl2", nil},
	} {
		var paths []string
		for _, p := range tc.paths {
			if p != "-" {
				p = filepath.Join(dir, p)
			}
			paths = append(paths, p)
		}
		needed := neededProviders(paths, tc.parser)
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
