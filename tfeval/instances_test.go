package tfeval

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/infragate/infragate/parsers"
)

// TestModuleCalls: a call of a local module is followed by the documents
// of the module's files evaluated with the call's arguments, located at
// the module block; a call that changes nothing, a remote source, a source
// outside the working directory and a cycle add none.
func TestModuleCalls(t *testing.T) {
	root := t.TempDir()
	outside := t.TempDir()
	bucket := `variable "acl" {
  default = "private"
}
resource "b" "b" {
  acl = var.acl
}
`
	writeFiles(t, root, map[string]string{
		"work/modules/bucket/main.tf": bucket,
		"work/modules/wrap/main.tf": `variable "acl" {}
module "inner" {
  source = "../bucket"
  acl    = var.acl
}
`,
		"work/modules/loop/main.tf": `variable "x" { default = 1 }
module "self" {
  source = "./"
  x      = 2
}
resource "b" "b" { acl = var.x }
`,
	})
	writeFiles(t, outside, map[string]string{"m/main.tf": bucket})
	dir := filepath.Join(root, "work")
	p, err := NewParser(&parsers.HCLParser{}, Options{Dir: dir})
	if err != nil {
		t.Fatal(err)
	}
	rel, err := filepath.Rel(dir, filepath.Join(outside, "m"))
	if err != nil {
		t.Fatal(err)
	}
	main := `module "public" {
  source = "./modules/bucket"
  acl    = "public-read"
}

module "default" {
  source = "./modules/bucket"
  acl    = "private"
}

module "nested" {
  source = "./modules/wrap"
  acl    = "public-read-write"
}

module "remote" {
  source = "terraform-aws-modules/s3-bucket/aws"
  acl    = "public-read"
}

module "outside" {
  source = "` + filepath.ToSlash(rel) + `"
  acl    = "public-read"
}

module "loop" {
  source = "./modules/loop"
  x      = 3
}
`
	if err := os.WriteFile(filepath.Join(dir, "main.tf"), []byte(main), 0o644); err != nil {
		t.Fatal(err)
	}
	docs, err := p.Parse("main.tf", []byte(main))
	if err != nil {
		t.Fatal(err)
	}
	type got struct {
		acl  any
		line int
	}
	var gots []got
	for _, d := range docs[1:] {
		res, ok := d.Value.(map[string]any)["resource"].(map[string]any)
		if !ok {
			continue // modules/wrap/main.tf, which has the module block only
		}
		acl := res["b"].(map[string]any)["b"].([]any)[0].(map[string]any)["acl"]
		if r, _ := d.Map.Lookup(parsers.Path{"resource", "b", "b", "0", "acl"}); r != d.Range {
			t.Errorf("a finding in the instance is located at %+v, want the module block %+v", r, d.Range)
		}
		gots = append(gots, got{acl, d.Range.StartLine})
	}
	want := []got{{"public-read", 1}, {"public-read-write", 11}}
	// The loop's instance (x = 3) and its own call of itself (x = 2),
	// until the depth bound: one document each, at the loop's block.
	for len(gots) > len(want) && gots[len(want)].line == 26 {
		want = append(want, gots[len(want)])
	}
	if len(gots) != len(want) || len(want) < 3 || len(want) > 2+maxModuleDepth {
		t.Fatalf("instances %+v, want %+v then a bounded loop", gots, want[:2])
	}
	for i := range want {
		if gots[i] != want[i] {
			t.Errorf("instance %d = %+v, want %+v", i, gots[i], want[i])
		}
	}
}
