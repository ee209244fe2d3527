package tfeval

import (
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/infragate/infragate/parsers"
)

// burn is an expression that spends a value's whole work budget (1024 x
// 1024 iterations).
const burn = `[for i in range(1024) : [for j in range(1024) : "${i}-${j}"]]`

// burnLiteral is burn without function calls, as variable defaults and
// tfvars values are written: 400 x 400 iterations.
func burnLiteral() string {
	var nums []string
	for i := range 400 {
		nums = append(nums, fmt.Sprint(i))
	}
	list := "[" + strings.Join(nums, ",") + "]"
	return `[for i in ` + list + ` : [for j in ` + list + ` : j]]`
}

// TestWorkBudget checks that each value has its own work budget, so that
// an expensive value does not starve the others, and that a value left
// unknown because a budget ran out is a parse error on the line of the
// expression (a blocking finding), not an unknown value that never blocks.
func TestWorkBudget(t *testing.T) {
	const zTF = `resource "b" "b" {
  bucket = "b"
  acl    = local.zacl
}
locals {
  zacl = lower("PUBLIC-READ")
}
`
	var burns strings.Builder
	burns.WriteString("locals {\n")
	for i := range 11 { // more than totalLimit / valueLimit
		fmt.Fprintf(&burns, "  burn%02d = [for i in range(1024) : [for j in range(1024) : j]]\n", i)
	}
	burns.WriteString("}\n")
	tests := []parseCase{
		{
			name:  "an expensive local in a sibling file does not starve the others",
			files: map[string]string{"z.tf": zTF, "a.tf": "locals {\n  burn1 = " + burn + "\n}\n"},
			parse: "z.tf",
			acl:   "public-read",
		},
		{
			name:  "the local that ran out is an error in its file",
			files: map[string]string{"z.tf": zTF, "a.tf": "locals {\n  burn1 = " + burn + "\n}\n"},
			parse: "a.tf",
			line:  2,
			err:   "terraform evaluation: the work budget ran out evaluating local.burn1; values that depend on it are unknown",
		},
		{
			name: "a value depending on a local that ran out is an error where it is used",
			files: map[string]string{
				"z.tf": `resource "b" "b" {
  acl = local.hidden
}`,
				"a.tf": "locals {\n  burn1  = " + burn + "\n  hidden = length(local.burn1) > 0 ? \"public-read\" : \"private\"\n}\n",
			},
			parse: "z.tf",
			line:  2,
			err:   "terraform evaluation: the work budget ran out evaluating local.burn1 (a.tf:2); values that depend on it are unknown, acl among them",
		},
		{
			name: "an attribute that runs out, even inside try()",
			files: map[string]string{"z.tf": `resource "b" "b" {
  bucket = "b"
  acl    = try(` + burn + `[0][0], "private")
}`},
			parse: "z.tf",
			line:  3,
			err:   "terraform evaluation: the work budget ran out evaluating acl; values that depend on it are unknown",
		},
		{
			name: "the module's overall budget",
			files: map[string]string{
				"a.tf": burns.String(),
				"z.tf": `resource "b" "b" {
  acl = local.zz
}
locals {
  zz = "public-read"
}`,
			},
			parse: "z.tf",
			line:  2,
			err:   "terraform evaluation: the work budget of the module (all its values together) ran out evaluating local.zz (z.tf:5); values that depend on it are unknown, acl among them (so is a value on one more line of this file)",
		},
		{
			name: "a variable default that runs out",
			files: map[string]string{
				"z.tf": "resource \"b\" \"b\" {\n  acl = var.v[0][0]\n}\nvariable \"v\" {\n  default = " + burnLiteral() + "\n}\n",
			},
			parse: "z.tf",
			line:  2,
			err:   "terraform evaluation: the work budget ran out evaluating var.v (z.tf:5); values that depend on it are unknown, acl among them (so is a value on one more line of this file)",
		},
		{
			name: "a tfvars assignment that runs out",
			files: map[string]string{
				"z.tf":             "resource \"b\" \"b\" {\n  acl = var.v[0][0]\n}\nvariable \"v\" {}\n",
				"terraform.tfvars": "v = " + burnLiteral() + "\n",
			},
			parse: "z.tf",
			line:  2,
			err:   "terraform evaluation: the work budget ran out evaluating var.v (terraform.tfvars:1); values that depend on it are unknown, acl among them",
		},
		{
			name: "a module call whose module runs out",
			files: map[string]string{
				"z.tf": `module "m" {
  source = "./mod"
  acl    = "public-read"
}`,
				"mod/main.tf": "variable \"acl\" { default = \"private\" }\nlocals {\n  slow = length(" + burn + ")\n}\nresource \"b\" \"b\" {\n  acl = local.slow > 0 ? var.acl : \"private\"\n}\n",
			},
			parse: "z.tf",
			line:  1,
			err:   "terraform evaluation: the work budget ran out evaluating local.slow (main.tf:3 in module.m); values that depend on it are unknown, module.m among them",
		},
		{
			name:  "a value only a plan knows stays unknown without an error",
			files: map[string]string{"z.tf": `resource "b" "b" { acl = aws_s3_bucket.x.acl }`, "a.tf": "locals {\n  burn1 = " + burn + "\n}\n"},
			parse: "z.tf",
			acl:   "${aws_s3_bucket.x.acl}",
		},
	}
	runParseCases(t, tests)
}

// parseCase is a module (files) and what parsing one of its files gives.
type parseCase struct {
	name  string
	files map[string]string
	parse string // the file to parse
	acl   any    // its resource b.b's acl, when it parses (nil: not looked at)
	line  int    // else the line of the error
	err   string // and its message
}

func runParseCases(t *testing.T, tests []parseCase) {
	t.Helper()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			dir := t.TempDir()
			writeFiles(t, dir, tt.files)
			p, err := NewParser(&parsers.HCLParser{}, Options{Dir: dir})
			if err != nil {
				t.Fatal(err)
			}
			src := []byte(tt.files[tt.parse])
			docs, err := p.Parse(tt.parse, src)
			if tt.err == "" {
				if err != nil {
					t.Fatalf("Parse: %v", err)
				}
				if tt.acl == nil {
					return
				}
				acl := docs[0].Value.(map[string]any)["resource"].(map[string]any)["b"].(map[string]any)["b"].([]any)[0].(map[string]any)["acl"]
				if diff := cmp.Diff(tt.acl, acl); diff != "" {
					t.Errorf("acl (-want +got):\n%s", diff)
				}
				return
			}
			var pe *parsers.ParseError
			if !errors.As(err, &pe) {
				t.Fatalf("Parse: error %v, want a parse error", err)
			}
			if pe.File != tt.parse || pe.Line != tt.line || pe.Msg != tt.err {
				t.Errorf("Parse: error at %s:%d: %q\nwant at %s:%d: %q", filepath.ToSlash(pe.File), pe.Line, pe.Msg, tt.parse, tt.line, tt.err)
			}
		})
	}
}

// nestedFor is n for expressions, each over the next, the innermost over
// coll.
func nestedFor(n int, coll string) string {
	e := coll
	for i := n; i > 0; i-- {
		e = fmt.Sprintf("[for v%d in %s : v%d]", i, e, i)
	}
	return e
}

// moduleChain is a module whose z.tf calls ./m1 with acl = "public-read",
// m1 calls ../m2 with it, and so on to m<n>, whose resource b.b uses it.
func moduleChain(n int) map[string]string {
	files := map[string]string{"z.tf": "module \"m\" {\n  source = \"./m1\"\n  acl    = \"public-read\"\n}\n"}
	for i := 1; i < n; i++ {
		files[fmt.Sprintf("m%d/main.tf", i)] = fmt.Sprintf("variable \"acl\" {}\nmodule \"m\" {\n  source = \"../m%d\"\n  acl    = var.acl\n}\n", i+1)
	}
	files[fmt.Sprintf("m%d/main.tf", n)] = "variable \"acl\" { default = \"private\" }\nresource \"b\" \"b\" {\n  acl = var.acl\n}\n"
	return files
}

// TestEvaluationBounds checks that a value past one of infragate's own
// bounds on evaluation (not Terraform's) is reported like one whose work
// budget ran out: a parse error on the line of the expression, naming the
// bound, for the value and for every value that depends on it, even
// inside try(). Terraform would know such a value, so a merge request
// could otherwise hide a public ACL behind it. A value that only a plan
// knows still stays unknown without an error.
func TestEvaluationBounds(t *testing.T) {
	resource := func(acl string) string {
		return "resource \"b\" \"b\" {\n  bucket = \"b\"\n  acl    = " + acl + "\n}\n"
	}
	dependent := func(local, expr string) map[string]string {
		return map[string]string{
			"z.tf": resource(`length(local.` + local + `) > 0 ? "public-read" : "private"`),
			"a.tf": "locals {\n  " + local + " = " + expr + "\n}\n",
		}
	}
	tests := []parseCase{
		{
			name:  "three nested for expressions are evaluated",
			files: map[string]string{"z.tf": resource(`[for a in [for b in [for c in ["public-read"] : c] : b] : a][0]`)},
			parse: "z.tf",
			acl:   "public-read",
		},
		{
			name:  "eight nested for expressions are evaluated",
			files: map[string]string{"z.tf": resource(nestedFor(8, `["public-read"]`) + `[0]`)},
			parse: "z.tf",
			acl:   "public-read",
		},
		{
			name:  "more nested for expressions",
			files: map[string]string{"z.tf": resource(nestedFor(9, `["public-read"]`) + `[0]`)},
			parse: "z.tf",
			line:  3,
			err:   "terraform evaluation: more than 8 nested for expressions in acl; values that depend on it are unknown",
		},
		{
			name:  "more nested for expressions in a local, where it is used",
			files: dependent("deep", nestedFor(9, `["x"]`)),
			parse: "z.tf",
			line:  3,
			err:   "terraform evaluation: more than 8 nested for expressions in local.deep (a.tf:2); values that depend on it are unknown, acl among them",
		},
		{
			name:  "more nested for expressions in a local, where it is",
			files: dependent("deep", nestedFor(9, `["x"]`)),
			parse: "a.tf",
			line:  2,
			err:   "terraform evaluation: more than 8 nested for expressions in local.deep; values that depend on it are unknown",
		},
		{
			name:  "a value of more than 10,000 elements",
			files: dependent("big", `[for i in range(1024) : [for j in range(10) : j]]`),
			parse: "z.tf",
			line:  3,
			err:   "terraform evaluation: a value of more than 10000 elements in local.big (a.tf:2); values that depend on it are unknown, acl among them",
		},
		{
			name:  "a function result of more than 10,000 elements, inside try()",
			files: map[string]string{"z.tf": resource(`try(length(flatten([for i in range(1024) : [for j in range(10) : j]])) > 0 ? "public-read" : "private", "private")`)},
			parse: "z.tf",
			line:  3,
			err:   "terraform evaluation: a value of more than 10000 elements in acl; values that depend on it are unknown",
		},
		{
			name:  "a value of more than 256 KiB of strings",
			files: dependent("long", `join("", [for i in range(300) : format("%0999d", i)])`),
			parse: "z.tf",
			line:  3,
			err:   "terraform evaluation: a value of more than 256 KiB of strings in local.long (a.tf:2); values that depend on it are unknown, acl among them",
		},
		{
			name:  "a YAML alias bomb in yamldecode",
			files: dependent("bomb", `yamldecode("`+yamlBomb(12)+`")`),
			parse: "z.tf",
			line:  3,
			err:   "terraform evaluation: a value of more than 10000 elements in local.bomb (a.tf:2); values that depend on it are unknown, acl among them",
		},
		{
			name:  "a format width of more than 4 digits, inside try()",
			files: map[string]string{"z.tf": resource(`try(trimspace(format("%99999s", "public-read")), "private")`)},
			parse: "z.tf",
			line:  3,
			err:   "terraform evaluation: a format width or precision of more than 4 digits in acl; values that depend on it are unknown",
		},
		{
			name:  "an indent of more than 1000 spaces",
			files: map[string]string{"z.tf": resource(`trimspace(indent(2000, "x\npublic-read"))`)},
			parse: "z.tf",
			line:  3,
			err:   "terraform evaluation: an indent of more than 1000 spaces in acl; values that depend on it are unknown",
		},
		{
			name: "a replace() that may make more than 256 KiB",
			files: map[string]string{"z.tf": resource(`length(replace(local.s, "", local.s)) > 0 ? "public-read" : "private"`) +
				"locals {\n  s = join(\"\", [for i in range(1000) : \"0123456789\"])\n}\n"},
			parse: "z.tf",
			line:  3,
			err:   "terraform evaluation: a replace() that may make more than 256 KiB of strings in acl; values that depend on it are unknown",
		},
		{
			name:  "a setproduct() of more than 10,000 elements",
			files: map[string]string{"z.tf": resource(`length(setproduct(range(101), range(100))) > 0 ? "public-read" : "private"`)},
			parse: "z.tf",
			line:  3,
			err:   "terraform evaluation: a setproduct() of more than 10000 elements in acl; values that depend on it are unknown",
		},
		{
			name: "a dynamic block over more than 64 elements",
			files: map[string]string{"z.tf": `resource "b" "b" {
  acl = "private"
  dynamic "ingress" {
    for_each = range(65)
    content {
      cidr_blocks = ingress.value == 64 ? ["0.0.0.0/0"] : ["10.0.0.0/8"]
    }
  }
}
`},
			parse: "z.tf",
			line:  4,
			err:   `terraform evaluation: a for_each over more than 64 elements in dynamic "ingress"; values that depend on it are unknown`,
		},
		{
			name: "a dynamic block over 64 elements is expanded",
			files: map[string]string{"z.tf": `resource "b" "b" {
  dynamic "ingress" {
    for_each = range(64)
    content {
      cidr_blocks = ingress.value == 63 ? ["0.0.0.0/0"] : ["10.0.0.0/8"]
    }
  }
}
`},
			parse: "z.tf",
		},
		{
			name:  "local module calls nested 8 deep are followed",
			files: moduleChain(8),
			parse: "z.tf",
		},
		{
			name:  "local module calls nested more than 8 deep",
			files: moduleChain(10),
			parse: "z.tf",
			line:  1,
			err:   "terraform evaluation: local module calls nested more than 8 deep in module.m (main.tf:2 in module.m.module.m.module.m.module.m.module.m.module.m.module.m.module.m); values that depend on it are unknown, module.m among them",
		},
		{
			// Terraform's own bound (go-cty's range fails there too): an
			// error Terraform's try() catches, as infragate's does.
			name:  "a range of more than 1024 elements is Terraform's error",
			files: map[string]string{"z.tf": resource(`try(range(2000), ["public-read"])[0]`)},
			parse: "z.tf",
			acl:   "public-read",
		},
		{
			// A for expression nested more than 8 deep is not evaluated,
			// so it is reported even when it reads a resource.
			name: "values only a plan knows stay unknown without an error",
			files: map[string]string{
				"z.tf": `resource "b" "b" {
  acl = [for a in [for b in aws_s3_bucket.x.acls : b] : a][0]
  dynamic "ingress" {
    for_each = data.aws_ip_ranges.x.cidr_blocks
    content {
      cidr_blocks = [ingress.value]
    }
  }
  tags = { at = timestamp(), f = file("x"), p = provider::aws::arn_parse("x") }
}
module "m" {
  source = "./m1"
  acl    = aws_s3_bucket.x.acl
}
`,
			},
			parse: "z.tf",
			acl:   "${[for a in [for b in aws_s3_bucket.x.acls : b] : a][0]}",
		},
	}
	runParseCases(t, tests)
}

// yamlBomb is YAML of levels lines, each a list of ten aliases of the line
// before (10^levels strings once expanded), as a one-line HCL string.
func yamlBomb(levels int) string {
	var b strings.Builder
	b.WriteString(`l0: &l0 [x,x,x,x,x,x,x,x,x,x]\n`)
	for i := 1; i < levels; i++ {
		alias := fmt.Sprintf("*l%d", i-1)
		fmt.Fprintf(&b, `l%d: &l%d [%s]\n`, i, i, strings.TrimSuffix(strings.Repeat(alias+",", 10), ","))
	}
	return b.String()
}
