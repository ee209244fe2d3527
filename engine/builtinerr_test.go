package engine

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/infragate/infragate/parsers"
)

// A builtin error stops only the rules that hit it (and lands on the value
// that caused it): the other rules'
// findings of the same document are kept (as conftest shows them), next to
// the error, which blocks. String-only findings are still located, and a
// document with an error is never remembered as giving nothing.
func TestBuiltinErrorKeepsFindings(t *testing.T) {
	dir := writePolicy(t, map[string]string{"p.rego": `package main

deny contains "bad tag" if {
	some v in input.tags
	startswith(v, "bad")
}

deny_other contains "other failure" if input.tags

warn contains "a warning" if input.tags
`})
	src := "tags:\n  a: badx\n  b: 5\n---\ntags:\n  b: 5\n---\ntags:\n  b: 5\n"
	e, err := New(context.Background(), Options{Policies: []string{dir}})
	if err != nil {
		t.Fatal(err)
	}
	rep, err := e.Check(context.Background(), []File{{Name: "tags.yaml", Content: []byte(src), Parser: parsers.Default()[parsers.YAML]}})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, f := range rep.Findings {
		msg := f.Message
		if f.IsError() {
			msg = "eval-error"
		}
		got = append(got, fmt.Sprintf("%d:%d %s %s blocking=%t", f.Document, f.StartLine, f.Level, msg, f.Blocking))
	}
	slices.Sort(got)
	want := []string{
		"0:1 failure other failure blocking=true",
		"0:1 warning a warning blocking=false",
		"0:2 failure bad tag blocking=true",
		"0:3 failure eval-error blocking=true", // b: 5, the value startswith refused
		"1:5 failure other failure blocking=true",
		"1:5 warning a warning blocking=false",
		"1:6 failure eval-error blocking=true",
		"2:8 failure other failure blocking=true",
		"2:8 warning a warning blocking=false",
		"2:9 failure eval-error blocking=true",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("findings (-want +got):\n%s", diff)
	}
}

// TestBuiltinErrorLines: a builtin error's finding is on the input value
// that caused it when the failures of its expression say which: the
// operand of the type named by a type error, or the one input value every
// failure there read. A value built from the input, or failures that
// disagree, leave it on the document's first line.
func TestBuiltinErrorLines(t *testing.T) {
	tests := []struct {
		name, policy, src string
		want              int
	}{
		{
			name:   "type error, second operand, through a function",
			policy: "ends(s) if endswith(\"x\", s)\ndeny contains \"x\" if { some c in input.spec.containers; ends(c.image) }",
			src:    "kind: Pod\nspec:\n  containers:\n  - image: a\n  - image: [b]\n",
			want:   5,
		},
		{
			name:   "invalid regular expression from the input",
			policy: "deny contains \"x\" if regex.match(input.pattern, \"abc\")",
			src:    "name: x\npattern: \"a(\"\n",
			want:   2,
		},
		{
			name:   "a value built from the input",
			policy: "deny contains \"x\" if to_number(concat(\"\", [input.a, input.b])) > 1",
			src:    "---\na: \"1\"\nb: \"x\"\n",
			want:   2,
		},
		{
			name:   "failures of the expression that disagree",
			policy: "deny contains \"x\" if { some v in input.vals; regex.match(v, \"abc\") }",
			src:    "---\nvals:\n  - \"zzz\"\n  - \"a(\"\n",
			want:   2,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := writePolicy(t, map[string]string{"p.rego": "package main\n\n" + tt.policy + "\n"})
			e, err := New(context.Background(), Options{Policies: []string{dir}})
			if err != nil {
				t.Fatal(err)
			}
			rep, err := e.Check(context.Background(), []File{{Name: "f.yaml", Content: []byte(tt.src), Parser: parsers.Default()[parsers.YAML]}})
			if err != nil {
				t.Fatal(err)
			}
			var lines []int
			for _, f := range rep.Findings {
				if f.IsError() {
					lines = append(lines, f.StartLine)
				}
			}
			if len(lines) != 1 || lines[0] != tt.want {
				t.Errorf("error findings on lines %v, want [%d]; findings: %+v", lines, tt.want, rep.Findings)
			}
		})
	}
}

// TestPolicyErrorColumns: parse and compile errors name file:line:col, so
// that an editor can jump to them, with OPA's details below.
func TestPolicyErrorColumns(t *testing.T) {
	for _, tt := range []struct {
		src, want string
	}{
		{"package main\n\ndeny contains msg if {\n  input.x ==\n}\n", "p.rego:5:1: rego_parse_error: unexpected } token\n\t}\n\t^"},
		{"package main\n\ndeny contains msg if {\n  foo(input.x)\n  msg := \"x\"\n}\n", "p.rego:4:3: rego_type_error: undefined function foo"},
	} {
		dir := writePolicy(t, map[string]string{"p.rego": tt.src})
		_, err := New(context.Background(), Options{Policies: []string{dir}})
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("error = %v, want it to hold %q", err, tt.want)
		}
	}
}
