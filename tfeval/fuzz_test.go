package tfeval

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/infragate/infragate/parsers"
)

// FuzzTerraformEval evaluates a file as its own module (src is both the
// module and the file checked; vars is a terraform.tfvars) and checks what
// evaluation promises: no panic; the document stays JSON; the source map
// is unchanged; only values the parser left as strings change, and a value
// holding no "${" or "%{" is never touched; and applying twice gives what
// applying once gave.
func FuzzTerraformEval(f *testing.F) {
	for _, s := range [][2]string{
		{`variable "a" { default = "x" }
resource "r" "n" { v = var.a }`, `a = "y"`},
		{`locals {
  a = local.b
  b = [for x in range(3) : x * 2]
}
output "o" { value = "${local.a[0]}-${aws_x.y.id}" }`, ``},
		{`locals { c = local.c }
resource "r" "n" { v = { k = local.c, "q" = upper("s") } }`, ``},
		{`resource "r" "n" {
  v = <<-EOT
    %{for k, v in var.m}${k}=${v}%{endfor}
  EOT
}
variable "m" { default = { a = 1 } }`, `m = { b = 2 }`},
		{`resource "r" "n" { v = try(file("x"), jsondecode("{\"a\":[1,2]}")) }`, ``},
		{`resource "r" "n" { v = format("%08.3f", 3.14159) }`, `x = `},
	} {
		f.Add(s[0], s[1])
	}
	f.Fuzz(func(t *testing.T, src, vars string) {
		docs, err := (&parsers.HCLParser{}).Parse("main.tf", []byte(src))
		if err != nil || len(docs) != 1 {
			return
		}
		before := snapshot(t, docs[0].Value)
		entries := docs[0].Map.Entries()
		mod := NewModule([]Source{{Name: "main.tf", Src: []byte(src)}}, []Source{{Name: "terraform.tfvars", Src: []byte(vars)}})
		mod.Apply("main.tf", []byte(src), docs)
		after := snapshot(t, docs[0].Value)
		if diff := cmp.Diff(entries, docs[0].Map.Entries()); diff != "" {
			t.Fatalf("source map changed:\n%s", diff)
		}
		compare(t, "", before, after)
		mod.Apply("main.tf", []byte(src), docs)
		if again := snapshot(t, docs[0].Value); !cmp.Equal(after, again) {
			t.Fatalf("a second Apply changed the document:\n%s", cmp.Diff(after, again))
		}
	})
}

// snapshot deep-copies a document through JSON (numbers kept exact).
func snapshot(t *testing.T, v any) any {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatalf("document is not JSON: %v", err)
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	var out any
	if err := dec.Decode(&out); err != nil {
		t.Fatal(err)
	}
	return out
}

// compare checks that every difference between before and after is a
// value the parser left as a "${...}" or "%{...}" string.
func compare(t *testing.T, path string, before, after any) {
	t.Helper()
	if s, ok := before.(string); ok && (strings.Contains(s, "${") || strings.Contains(s, "%{")) {
		return
	}
	switch b := before.(type) {
	case map[string]any:
		a, ok := after.(map[string]any)
		if !ok || len(a) != len(b) {
			t.Fatalf("%s: object became %v", path, after)
		}
		for k, v := range b {
			compare(t, path+"/"+k, v, a[k])
		}
	case []any:
		a, ok := after.([]any)
		if !ok || len(a) != len(b) {
			t.Fatalf("%s: array became %v", path, after)
		}
		for i := range b {
			compare(t, path+"/"+string(rune('0'+i%10)), b[i], a[i])
		}
	default:
		if !cmp.Equal(before, after) {
			t.Fatalf("%s: %v changed to %v", path, before, after)
		}
	}
}
