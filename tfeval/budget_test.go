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
	tests := []struct {
		name  string
		files map[string]string
		parse string // the file to parse
		acl   any    // its resource b.b's acl, when it parses
		line  int    // else the line of the error
		err   string // and its message
	}{
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
