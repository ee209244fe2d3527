package tfeval

import (
	"encoding/json"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/infragate/infragate/parsers"
)

// evalFile parses main.tf of a module (files, name -> source) with the
// HCL parser, applies the module and returns the value under path.
func evalFile(t *testing.T, files map[string]string, tfvars []Source, path ...string) any {
	t.Helper()
	var srcs []Source
	for name, src := range files {
		srcs = append(srcs, Source{Name: name, Src: []byte(src)})
	}
	mod := NewModule(srcs, tfvars)
	src := []byte(files["main.tf"])
	docs, err := (&parsers.HCLParser{}).Parse("main.tf", src)
	if err != nil {
		t.Fatalf("parse: %v", err)
	}
	mod.Apply("main.tf", src, docs)
	var cur any = docs[0].Value
	for _, p := range path {
		switch c := cur.(type) {
		case map[string]any:
			cur = c[p]
		case []any:
			i := 0
			if _, err := json.Number(p).Int64(); err == nil {
				n, _ := json.Number(p).Int64()
				i = int(n)
			}
			if i >= len(c) {
				t.Fatalf("no %s in %v", p, c)
			}
			cur = c[i]
		default:
			t.Fatalf("cannot descend into %T at %s", cur, p)
		}
	}
	return cur
}

func num(s string) json.Number { return json.Number(s) }

// attr is the value of `x` in `locals { x = ... }`-free form: the test
// modules put the expression under test in resource "t" "t" { v = ... }.
var resPath = []string{"resource", "t", "t", "0", "v"}

func TestEvaluate(t *testing.T) {
	tests := []struct {
		name   string
		files  map[string]string
		tfvars []Source
		want   any
	}{
		{
			name: "default",
			files: map[string]string{
				"main.tf":      `resource "t" "t" { v = var.acl }`,
				"variables.tf": `variable "acl" { default = "public-read" }`,
			},
			want: "public-read",
		},
		{
			name: "no default is unknown",
			files: map[string]string{
				"main.tf":      `resource "t" "t" { v = var.acl }`,
				"variables.tf": `variable "acl" { type = string }`,
			},
			want: "${var.acl}",
		},
		{
			name: "undeclared variable is unknown",
			files: map[string]string{
				"main.tf": `resource "t" "t" { v = var.nope }`,
			},
			want: "${var.nope}",
		},
		{
			name: "terraform.tfvars over default",
			files: map[string]string{
				"main.tf":      `resource "t" "t" { v = var.acl }`,
				"variables.tf": `variable "acl" { default = "private" }`,
			},
			tfvars: []Source{{Name: "terraform.tfvars", Src: []byte(`acl = "public-read"`)}},
			want:   "public-read",
		},
		{
			name: "later tfvars win",
			files: map[string]string{
				"main.tf":      `resource "t" "t" { v = var.acl }`,
				"variables.tf": `variable "acl" { default = "private" }`,
			},
			tfvars: []Source{
				{Name: "terraform.tfvars", Src: []byte(`acl = "a"`)},
				{Name: "a.auto.tfvars.json", Src: []byte(`{"acl": "b"}`)},
				{Name: "prod.tfvars", Src: []byte(`acl = "c"`)},
			},
			want: "c",
		},
		{
			name: "broken tfvars makes variables unknown",
			files: map[string]string{
				"main.tf":      `resource "t" "t" { v = var.acl }`,
				"variables.tf": `variable "acl" { default = "private" }`,
			},
			tfvars: []Source{{Name: "terraform.tfvars", Src: []byte(`acl = `)}},
			want:   "${var.acl}",
		},
		{
			name: "type conversion of tfvars",
			files: map[string]string{
				"main.tf":      `resource "t" "t" { v = var.n + 1 }`,
				"variables.tf": `variable "n" { type = number }`,
			},
			tfvars: []Source{{Name: "terraform.tfvars", Src: []byte(`n = "41"`)}},
			want:   num("42"),
		},
		{
			name: "value that does not convert is unknown",
			files: map[string]string{
				"main.tf":      `resource "t" "t" { v = var.n }`,
				"variables.tf": `variable "n" { type = number }`,
			},
			tfvars: []Source{{Name: "terraform.tfvars", Src: []byte(`n = "many"`)}},
			want:   "${var.n}",
		},
		{
			name: "number converts to string",
			files: map[string]string{
				"main.tf":      `resource "t" "t" { v = var.s }`,
				"variables.tf": "variable \"s\" {\n type = string\n default = 5\n}",
			},
			want: "5",
		},
		{
			name: "optional attribute defaults",
			files: map[string]string{
				"main.tf": `resource "t" "t" { v = var.o }`,
				"variables.tf": `variable "o" {
  type    = object({ name = string, acl = optional(string, "private") })
  default = { name = "x" }
}`,
			},
			want: map[string]any{"name": "x", "acl": "private"},
		},
		{
			name: "not nullable falls back to the default",
			files: map[string]string{
				"main.tf":      `resource "t" "t" { v = var.s }`,
				"variables.tf": "variable \"s\" {\n default = \"d\"\n nullable = false\n}",
			},
			tfvars: []Source{{Name: "terraform.tfvars", Src: []byte(`s = null`)}},
			want:   "d",
		},
		{
			name: "locals referencing locals and vars",
			files: map[string]string{
				"main.tf": `resource "t" "t" { v = local.name }
locals { name = "${local.prefix}-${var.env}" }`,
				"locals.tf": `locals { prefix = upper(var.app) }
variable "env" { default = "dev" }
variable "app" { default = "shop" }`,
			},
			want: "SHOP-dev",
		},
		{
			name: "locals declared after use",
			files: map[string]string{
				"main.tf": `locals {
  c = local.b * 2
  b = local.a + 1
}
resource "t" "t" { v = local.c }
locals { a = 1 }`,
			},
			want: num("4"),
		},
		{
			name: "cycle is unknown",
			files: map[string]string{
				"main.tf": `locals {
  a = local.b
  b = local.a
}
resource "t" "t" { v = local.a }`,
			},
			want: "${local.a}",
		},
		{
			name: "local behind a cycle is unknown",
			files: map[string]string{
				"main.tf": `locals {
  a = local.b
  b = local.a
  c = "x${local.a}"
}
resource "t" "t" { v = local.c }`,
			},
			want: "${local.c}",
		},
		{
			name: "self-reference is unknown",
			files: map[string]string{
				"main.tf": `locals { a = local.a }
resource "t" "t" { v = local.a }`,
			},
			want: "${local.a}",
		},
		{
			name: "duplicate local is unknown",
			files: map[string]string{
				"main.tf": `locals { a = 1 }
resource "t" "t" { v = local.a }`,
				"b.tf": `locals { a = 2 }`,
			},
			want: "${local.a}",
		},
		{
			name: "override file replaces a default",
			files: map[string]string{
				"main.tf":     `resource "t" "t" { v = var.acl }`,
				"vars.tf":     `variable "acl" { default = "private" }`,
				"override.tf": `variable "acl" { default = "public-read" }`,
			},
			want: "public-read",
		},
		{
			name: "functions",
			files: map[string]string{
				"main.tf": `resource "t" "t" {
  v = join(",", concat([lower("A")], split("-", format("%s-%d", "b", 3)), [tostring(max(1, 7))]))
}`,
			},
			want: "a,b,3,7",
		},
		{
			name: "merge, lookup, keys and length",
			files: map[string]string{
				"main.tf": `locals { m = merge({ a = 1 }, { b = 2 }) }
resource "t" "t" { v = [lookup(local.m, "b", 0), keys(local.m), length(local.m), length("héllo"), length({ a = 1 })] }`,
			},
			want: []any{num("2"), []any{"a", "b"}, num("2"), num("5"), num("1")},
		},
		{
			name: "jsonencode and jsondecode",
			files: map[string]string{
				"main.tf": `resource "t" "t" { v = jsonencode({ Statement = [{ Effect = "Allow", Action = jsondecode("[\"s3:*\"]") }] }) }`,
			},
			want: `{"Statement":[{"Action":["s3:*"],"Effect":"Allow"}]}`,
		},
		{
			name: "replace with a regular expression",
			files: map[string]string{
				"main.tf": `resource "t" "t" { v = replace("a1b22c", "/[0-9]+/", "-") }`,
			},
			want: "a-b-c",
		},
		{
			name: "toset, distinct, flatten, element, coalesce, contains",
			files: map[string]string{
				"main.tf": `resource "t" "t" {
  v = [toset(["b", "a", "b"]), distinct(flatten([["x"], ["x", "y"]])), element(["p", "q"], 3), coalesce("", "z"), contains(["a"], "a")]
}`,
			},
			want: []any{[]any{"a", "b"}, []any{"x", "y"}, "q", "z", true},
		},
		{
			name: "unknown function is unknown",
			files: map[string]string{
				"main.tf": `resource "t" "t" { v = file("policy.json") }`,
			},
			want: `${file("policy.json")}`,
		},
		{
			name: "try over an unknown reference stays unknown",
			files: map[string]string{
				"main.tf": `resource "t" "t" { v = try(aws_s3_bucket.b.acl, "private") }`,
			},
			want: `${try(aws_s3_bucket.b.acl, "private")}`,
		},
		{
			name: "try over a failing expression takes the fallback",
			files: map[string]string{
				"main.tf": `resource "t" "t" { v = try(tonumber("x"), 3) }`,
			},
			want: num("3"),
		},
		{
			name: "try over an unknown function stays unknown",
			files: map[string]string{
				"main.tf": `resource "t" "t" { v = try(file("x"), "a") }`,
			},
			want: `${try(file("x"), "a")}`,
		},
		{
			name: "resource reference is unknown",
			files: map[string]string{
				"main.tf": `resource "t" "t" { v = aws_s3_bucket.b.id }`,
			},
			want: "${aws_s3_bucket.b.id}",
		},
		{
			name: "count, each, path and terraform are unknown",
			files: map[string]string{
				"main.tf": `resource "t" "t" { v = [count.index, each.key, path.module, terraform.workspace, data.x.y.z, module.m.out] }`,
			},
			want: []any{"${count.index}", "${each.key}", "${path.module}", "${terraform.workspace}", "${data.x.y.z}", "${module.m.out}"},
		},
		{
			name: "tuple resolved element by element",
			files: map[string]string{
				"main.tf":      `resource "t" "t" { v = [var.a, aws_s3_bucket.b.arn, "lit"] }`,
				"variables.tf": `variable "a" { default = "x" }`,
			},
			want: []any{"x", "${aws_s3_bucket.b.arn}", "lit"},
		},
		{
			name: "object literal resolved element by element",
			files: map[string]string{
				"main.tf": `resource "t" "t" { v = { env = var.a, id = aws_s3_bucket.b.id, "quoted key" = local.l } }
locals { l = 1 }`,
				"variables.tf": `variable "a" { default = "x" }`,
			},
			want: map[string]any{"env": "x", "id": "${aws_s3_bucket.b.id}", "quoted key": num("1")},
		},
		{
			name: "computed list with an unknown element stays whole",
			files: map[string]string{
				"main.tf": `resource "t" "t" { v = concat(["a"], [aws_s3_bucket.b.arn]) }`,
			},
			want: `${concat(["a"], [aws_s3_bucket.b.arn])}`,
		},
		{
			name: "partly known template",
			files: map[string]string{
				"main.tf":      `resource "t" "t" { v = "${var.env}-${aws_s3_bucket.b.id}-${upper("x")}" }`,
				"variables.tf": `variable "env" { default = "dev" }`,
			},
			want: "dev-${aws_s3_bucket.b.id}-X",
		},
		{
			name: "partly known template keeps literal text escaped",
			files: map[string]string{
				"main.tf":      `resource "t" "t" { v = "$${x}-${var.env}-${aws_s3_bucket.b.id}" }`,
				"variables.tf": `variable "env" { default = "a$${y}" }`,
			},
			want: "$${x}-a$${y}-${aws_s3_bucket.b.id}",
		},
		{
			name: "null object key",
			files: map[string]string{
				"main.tf":      `resource "t" "t" { v = { null = var.env } }`,
				"variables.tf": `variable "env" { default = "dev" }`,
			},
			want: map[string]any{"null": "dev"},
		},
		{
			name: "escaped object key",
			files: map[string]string{
				"main.tf":      `resource "t" "t" { v = { "$${k}" = var.env } }`,
				"variables.tf": `variable "env" { default = "dev" }`,
			},
			want: map[string]any{"$${k}": "dev"},
		},
		{
			name: "template with an unknown directive stays whole",
			files: map[string]string{
				"main.tf":      `resource "t" "t" { v = "${var.env}%{if aws_s3_bucket.b.id != ""}x%{endif}" }`,
				"variables.tf": `variable "env" { default = "dev" }`,
			},
			want: `${var.env}%{if aws_s3_bucket.b.id != ""}x%{endif}`,
		},
		{
			name: "heredoc template with vars",
			files: map[string]string{
				"main.tf": `resource "t" "t" {
  v = <<-EOT
    bucket ${var.name}
    %{for a in var.actions}${a};%{endfor}
  EOT
}`,
				"variables.tf": `variable "name" { default = "logs" }
variable "actions" { default = ["get", "put"] }`,
			},
			want: "bucket logs\nget;put;\n",
		},
		{
			name: "conditional with a known condition",
			files: map[string]string{
				"main.tf":      `resource "t" "t" { v = var.env == "prod" ? "private" : "public-read" }`,
				"variables.tf": `variable "env" { default = "dev" }`,
			},
			want: "public-read",
		},
		{
			name: "conditional with an unknown condition",
			files: map[string]string{
				"main.tf": `resource "t" "t" { v = aws_s3_bucket.b.id == "" ? "a" : "b" }`,
			},
			want: `${aws_s3_bucket.b.id == "" ? "a" : "b"}`,
		},
		{
			name: "for expression over a known collection",
			files: map[string]string{
				"main.tf": `resource "t" "t" { v = { for k, p in var.ports : k => p + 1 if p > 80 } }`,
				"variables.tf": `variable "ports" {
  type    = map(number)
  default = { http = 80, https = 443 }
}`,
			},
			want: map[string]any{"https": num("444")},
		},
		{
			name: "for expression over an unknown collection",
			files: map[string]string{
				"main.tf": `resource "t" "t" { v = [for s in aws_subnet.all : s.id] }`,
			},
			want: `${[for s in aws_subnet.all : s.id]}`,
		},
		{
			name: "deeply nested for expressions are not evaluated",
			files: map[string]string{
				"main.tf": `resource "t" "t" { v = [for a in [1] : [for b in [2] : [for c in [3] : [for d in [4] : [for e in [5] : [for f in [6] : [for g in [7] : [for h in [8] : [for i in [9] : i]]]]]]]]] }`,
			},
			want: `${[for a in [1] : [for b in [2] : [for c in [3] : [for d in [4] : [for e in [5] : [for f in [6] : [for g in [7] : [for h in [8] : [for i in [9] : i]]]]]]]]]}`,
		},
		{
			name: "nested for expressions within the budget",
			files: map[string]string{
				"main.tf": `resource "t" "t" { v = flatten([for k, v in var.m : [for s in v : "${k}-${s}"]]) }`,
				"variables.tf": `variable "m" {
  default = { a = ["x", "y"], b = ["z"] }
}`,
			},
			want: []any{"a-x", "a-y", "b-z"},
		},
		{
			name: "nested for expressions beyond the work budget are unknown",
			files: map[string]string{
				"main.tf": `resource "t" "t" { v = length([for a in range(1024) : [for b in range(1024) : b]]) }`,
			},
			want: `${length([for a in range(1024) : [for b in range(1024) : b]])}`,
		},
		{
			name: "range above Terraform's limit is unknown",
			files: map[string]string{
				"main.tf": `resource "t" "t" { v = length(range(100000000)) }`,
			},
			want: `${length(range(100000000))}`,
		},
		{
			name: "huge format width is unknown",
			files: map[string]string{
				"main.tf": `resource "t" "t" { v = format("%999999999s", "x") }`,
			},
			want: `${format("%999999999s", "x")}`,
		},
		{
			name: "replacement blow-up is unknown",
			files: map[string]string{
				"main.tf": `locals {
  s = join("", [for i in range(1000) : "0123456789"])
}
resource "t" "t" { v = length(replace(local.s, "", local.s)) }`,
			},
			want: `${length(replace(local.s, "", local.s))}`,
		},
		{
			name: "arithmetic and numbers",
			files: map[string]string{
				"main.tf":      `resource "t" "t" { v = [1 / 4, 10 % 3, -var.n, 2 * 0.5] }`,
				"variables.tf": `variable "n" { default = 7 }`,
			},
			want: []any{num("0.25"), num("1"), num("-7"), num("1")},
		},
		{
			name: "null default becomes null",
			files: map[string]string{
				"main.tf":      `resource "t" "t" { v = var.kms }`,
				"variables.tf": `variable "kms" { default = null }`,
			},
			want: nil,
		},
		{
			name: "broken sibling file leaves its declarations unknown",
			files: map[string]string{
				"main.tf":   `resource "t" "t" { v = [var.a, var.b] }`,
				"good.tf":   `variable "a" { default = "x" }`,
				"broken.tf": `variable "b" { default = "y" `,
			},
			want: []any{"x", "${var.b}"},
		},
		{
			name: "tf.json module files: defaults known, locals not evaluated",
			files: map[string]string{
				"main.tf":        `resource "t" "t" { v = [local.l, var.v] }`,
				"locals.tf.json": `{"locals": {"l": "${upper(var.v)}"}, "variable": {"v": {"default": "j"}}}`,
			},
			want: []any{"${local.l}", "j"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := evalFile(t, tt.files, tt.tfvars, resPath...)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("value (-want +got):\n%s", diff)
			}
		})
	}
}

// TestApplyKeepsShape checks that evaluation touches only "${...}" values
// in place: blocks, literals and the source map stay as the parser made
// them.
func TestApplyKeepsShape(t *testing.T) {
	src := []byte(`variable "acl" {
  default = "public-read"
}
locals {
  tags = { env = "dev", team = var.team }
}
resource "aws_s3_bucket" "b" {
  acl  = var.acl
  tags = local.tags
  versioning {
    enabled = var.versioned
  }
}
resource "aws_s3_bucket" "b" {
  acl = "private"
}
`)
	vars := []byte(`variable "team" {}
variable "versioned" { default = true }`)
	p := &parsers.HCLParser{}
	docs, err := p.Parse("main.tf", src)
	if err != nil {
		t.Fatal(err)
	}
	before := docs[0].Map.Entries()
	NewModule([]Source{{Name: "main.tf", Src: src}, {Name: "vars.tf", Src: vars}}, nil).Apply("main.tf", src, docs)
	want := map[string]any{
		"variable": map[string]any{"acl": []any{map[string]any{"default": "public-read"}}},
		"locals":   []any{map[string]any{"tags": map[string]any{"env": "dev", "team": "${var.team}"}}},
		"resource": map[string]any{"aws_s3_bucket": map[string]any{"b": []any{
			map[string]any{"acl": "public-read", "tags": "${local.tags}", "versioning": []any{map[string]any{"enabled": true}}},
			map[string]any{"acl": "private"},
		}}},
	}
	if diff := cmp.Diff(want, docs[0].Value); diff != "" {
		t.Errorf("document (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(before, docs[0].Map.Entries()); diff != "" {
		t.Errorf("source map changed (-before +after):\n%s", diff)
	}
	r, _ := docs[0].Map.Lookup(parsers.ParsePointer("/resource/aws_s3_bucket/b/0/acl"))
	if r.StartLine != 8 {
		t.Errorf("acl at line %d, want 8", r.StartLine)
	}
}

func TestModuleValues(t *testing.T) {
	mod := NewModule([]Source{
		{Name: "a.tf", Src: []byte(`variable "x" { default = 1 }
variable "x" { default = 2 }
variable "y" { default = "y" }
locals { z = var.y }`)},
		{Name: "notes.txt", Src: []byte(`variable "ignored" {}`)},
	}, nil)
	vars := mod.Vars()
	if v := vars["x"]; v.IsKnown() {
		t.Errorf("duplicate variable x = %#v, want unknown", v)
	}
	if v := vars["y"]; !v.IsKnown() || v.AsString() != "y" {
		t.Errorf("y = %#v, want \"y\"", v)
	}
	if _, ok := vars["ignored"]; ok {
		t.Errorf("a .txt file was read as a module file")
	}
	if v := mod.Locals()["z"]; !v.IsKnown() || v.AsString() != "y" {
		t.Errorf("local z = %#v, want \"y\"", v)
	}
}
