package tfeval

import (
	"encoding/json"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/infragate/infragate/parsers"
)

// TestOpenTofuFiles: in a module with .tofu files, a .tofu file is
// evaluated as OpenTofu reads the module (its .tofu files, and foo.tofu in
// place of foo.tf), a .tf file that a .tofu file shadows as Terraform
// reads it, and any other .tf file, which both tools deploy, both ways.
func TestOpenTofuFiles(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"variables.tf":       "variable \"acl\" { default = \"private\" }\nresource \"aws_s3_bucket\" \"v\" { acl = var.acl }\n",
		"variables.tofu":     "variable \"acl\" { default = \"public-read\" }\n",
		"main.tf":            "resource \"aws_s3_bucket\" \"b\" {\n  acl = var.acl\n  bucket = local.name\n}\n",
		"locals.tofu":        "locals { name = \"logs\" }\nresource \"aws_s3_bucket\" \"t\" { acl = var.acl }\n",
		"main_override.tofu": "resource \"aws_s3_bucket\" \"b\" { versioning = local.name }\n",
		"override.tf.json":   `{"resource": {"aws_s3_bucket": {"b": [{"policy": "${local.name}"}]}}}`,
		"override.tofu.json": `{"resource": {"aws_s3_bucket": {"b": [{"logging": "${var.acl}"}]}}}`,
	}
	p := moduleParser(t, dir, files)
	for _, tc := range []struct {
		file string
		want []string // the documents
	}{
		// main.tf is deployed by both tools. Terraform's reading first:
		// variables.tf's default, no local (locals.tofu is OpenTofu's),
		// override.tf.json. Then OpenTofu's: variables.tofu's default,
		// locals.tofu's local, main_override.tofu and override.tofu.json,
		// not override.tf.json, which override.tofu.json shadows (JSON
		// override values are merged as written).
		{"main.tf", []string{
			`{"resource":{"aws_s3_bucket":{"b":[{"acl":"private","bucket":"${local.name}","policy":"${local.name}"}]}}}`,
			`{"resource":{"aws_s3_bucket":{"b":[{"acl":"public-read","bucket":"logs","logging":"${var.acl}","versioning":"logs"}]}}}`,
		}},
		// Only OpenTofu reads .tofu files.
		{"locals.tofu", []string{`{"locals":[{"name":"logs"}],"resource":{"aws_s3_bucket":{"t":[{"acl":"public-read"}]}}}`}},
		// variables.tf is shadowed: only Terraform reads it, with its own
		// default and no .tofu file.
		{"variables.tf", []string{`{"resource":{"aws_s3_bucket":{"v":[{"acl":"private"}]}},"variable":{"acl":[{"default":"private"}]}}`}},
	} {
		docs, err := p.Parse(tc.file, []byte(files[tc.file]))
		if err != nil {
			t.Fatalf("%s: %v", tc.file, err)
		}
		checkDocuments(t, tc.file, docs, tc.want)
	}
	// A file both readings agree on is one document.
	same := "resource \"aws_s3_bucket\" \"c\" { acl = \"private\" }\n"
	if docs, err := p.Parse("same.tf", []byte(same)); err != nil || len(docs) != 1 {
		t.Errorf("same.tf: %d documents, %v; want 1", len(docs), err)
	}
}

func TestModuleView(t *testing.T) {
	src := func(names ...string) []Source {
		var out []Source
		for _, n := range names {
			out = append(out, Source{Name: n})
		}
		return out
	}
	names := func(fs []Source) []string {
		var out []string
		for _, f := range fs {
			out = append(out, f.Name)
		}
		return out
	}
	all := src("a.tf", "a.tofu", "b.tf", "c.tf.json", "c.tofu.json", "d.tf.json", "e.tofu")
	for _, tc := range []struct {
		files []Source
		name  string
		want  []string
	}{
		{src("a.tf", "b.tf.json"), "", []string{"a.tf", "b.tf.json"}},
		{all, "", []string{"a.tofu", "b.tf", "c.tofu.json", "d.tf.json", "e.tofu"}},
		{all, "b.tf", []string{"a.tofu", "b.tf", "c.tofu.json", "d.tf.json", "e.tofu"}},
		{all, "a.tf", []string{"a.tf", "b.tf", "c.tf.json", "d.tf.json"}},
		{all, "c.tf.json", []string{"a.tf", "b.tf", "c.tf.json", "d.tf.json"}},
	} {
		if d := cmp.Diff(tc.want, names(moduleView(tc.files, tc.name))); d != "" {
			t.Errorf("moduleView(%v, %q) (-want +got):\n%s", names(tc.files), tc.name, d)
		}
	}
	// Terraform and OpenTofu match extensions in lower case and pass
	// over hidden, backup and editor files.
	for name, want := range map[string]bool{"x.tofu": true, "x.tofu.json": true, "x.TOFU": false, "x.tf": false, ".tofu": false, "tofu": false, ".x.tofu": false, "x.tofu~": false, "#x.tofu#": false} {
		if got := isOpenTofu(name); got != want {
			t.Errorf("isOpenTofu(%q) = %v", name, got)
		}
	}
	for name, want := range map[string]bool{"main.tf": true, "main.TF": false, ".main.tf": false, "main.tf~": false, "#main.tf#": false, "a.tf.json": true} {
		if got := isTerraform(name); got != want {
			t.Errorf("isTerraform(%q) = %v", name, got)
		}
	}
	if got := moduleView(src("main.tf", "main.TOFU", "other.tf"), ""); len(got) == 0 || got[0].Name != "main.tf" {
		t.Errorf("main.TOFU, which neither tool reads, shadows main.tf: %v", got)
	}
	for name, want := range map[string]bool{"override.tofu": true, "sg_override.tofu.json": true, "override.tf": true, "overrides.tofu": false} {
		if got := isOverride(name); got != want {
			t.Errorf("isOverride(%q) = %v", name, got)
		}
	}
}

// TestShadowedFileCallsModuleAsTerraform: a .tf file that a .tofu file
// shadows is deployed by Terraform, which reads no .tofu file of the
// modules it calls either: the called module is evaluated as Terraform
// reads it (its mod/main.tf, not the mod/main.tofu that shadows it).
func TestShadowedFileCallsModuleAsTerraform(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"main.tf":       "module \"b\" {\n  source = \"./mod\"\n  acl = \"public-read\"\n}\n",
		"main.tofu":     "module \"b\" {\n  source = \"./mod\"\n  acl = \"private\"\n}\n",
		"mod/main.tf":   "variable \"acl\" { default = \"private\" }\nresource \"aws_s3_bucket\" \"b\" { acl = var.acl }\n",
		"mod/main.tofu": "variable \"acl\" { default = \"private\" }\nresource \"aws_s3_bucket\" \"b\" { acl = \"private\" }\n",
	}
	p := moduleParser(t, dir, files)
	for _, tc := range []struct {
		file string
		want []string
	}{
		{"main.tf", []string{
			`{"module":{"b":[{"acl":"public-read","source":"./mod"}]}}`,
			`{"resource":{"aws_s3_bucket":{"b":[{"acl":"public-read"}]}},"variable":{"acl":[{"default":"private"}]}}`,
		}},
		// OpenTofu's view: mod/main.tofu's constant, nothing to add.
		{"main.tofu", []string{`{"module":{"b":[{"acl":"private","source":"./mod"}]}}`}},
	} {
		docs, err := p.Parse(tc.file, []byte(files[tc.file]))
		if err != nil {
			t.Fatalf("%s: %v", tc.file, err)
		}
		checkDocuments(t, tc.file, docs, tc.want)
	}
}

// checkDocuments compares a file's documents, as JSON and in order, with
// want; each document's Index must be its position.
func checkDocuments(t *testing.T, file string, docs []parsers.Document, want []string) {
	t.Helper()
	var got []string
	for i, d := range docs {
		if d.Index != i {
			t.Errorf("%s: document %d has index %d", file, i, d.Index)
		}
		b, err := json.Marshal(d.Value)
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, string(b))
	}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("%s (-want +got):\n%s", file, d)
	}
}

// moduleParser writes files into dir and returns an evaluating parser of
// the modules there.
func moduleParser(t *testing.T, dir string, files map[string]string) *Parser {
	t.Helper()
	writeFiles(t, dir, files)
	p, err := NewParser(&parsers.HCLParser{}, Options{Dir: dir})
	if err != nil {
		t.Fatal(err)
	}
	return p
}
