package parsers

import (
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestHCLShapes(t *testing.T) {
	tests := []struct {
		name, src string
		want      string // JSON as conftest (hcl2json) gives it
	}{
		{"type keyword", `variable "v" { type = string }`, `{"variable": {"v": [{"type": "${string}"}]}}`},
		{"template with interpolation", `locals { a = "a-${var.x}-b" }`, `{"locals": [{"a": "a-${var.x}-b"}]}`},
		{"single interpolation", `locals { a = "${var.x}" }`, `{"locals": [{"a": "${var.x}"}]}`},
		{"interpolated literal keeps its type", `locals { a = "${1}" }`, `{"locals": [{"a": 1}]}`},
		{"escaped interpolation stays escaped", `locals { a = "$${x}" }`, `{"locals": [{"a": "$${x}"}]}`},
		{"escaped directive stays escaped", `locals { a = "100%%{x} %" }`, `{"locals": [{"a": "100%%{x} %"}]}`},
		{"escapes next to an interpolation", `locals { a = "$${x}-${var.y}-\t" }`, `{"locals": [{"a": "$${x}-${var.y}-\t"}]}`},
		{"heredoc escapes", "locals {\n  a = <<EOT\n$${x} %%{y} ${var.z} $$ %\nEOT\n}\n", `{"locals": [{"a": "$${x} %%{y} ${var.z} $$ %\n"}]}`},
		{"null as key and in a template", "locals {\n  a = { null = 1 }\n  b = \"a${null}b\"\n}", `{"locals": [{"a": {"null": 1}, "b": "anullb"}]}`},
		{"escaped object key", `locals { a = { "$${k}" = 1 } }`, `{"locals": [{"a": {"$${k}": 1}}]}`},
		{"heredoc without interpolation", "locals {\n  a = <<EOT\nhi\nEOT\n}\n", `{"locals": [{"a": "hi\n"}]}`},
		{"flush heredoc with interpolation", "locals {\n  a = <<-EOT\n    x ${var.y}\n  EOT\n}\n", `{"locals": [{"a": "x ${var.y}\n"}]}`},
		{"template directives", `locals { a = "%{if var.c}y%{else}n%{endif}" }`, `{"locals": [{"a": "%{if var.c}y%{else}n%{endif}"}]}`},
		{"template for", `locals { a = "%{for k, v in var.m}${k}%{endfor}" }`, `{"locals": [{"a": "%{for k, v in var.m}${k}%{endfor}"}]}`},
		{"negative number", `locals { a = -1.5 }`, `{"locals": [{"a": -1.5}]}`},
		{"negated reference", `locals { a = -var.x }`, `{"locals": [{"a": "${-var.x}"}]}`},
		{"null and bools", "locals {\n a = null\n b = true\n c = !true\n}", `{"locals": [{"a": null, "b": true, "c": false}]}`},
		{"function call", `locals { a = upper(var.a) }`, `{"locals": [{"a": "${upper(var.a)}"}]}`},
		{"conditional", `locals { a = var.c ? 1 : 2 }`, `{"locals": [{"a": "${var.c ? 1 : 2}"}]}`},
		{"for expression", `locals { a = [for s in var.l : s] }`, `{"locals": [{"a": "${[for s in var.l : s]}"}]}`},
		{"object keys", `locals { a = { "k" = 1, k2 = 2, a.b = 3, 4 = 5, (var.k) = 6, "${var.q}" = 7 } }`,
			`{"locals": [{"a": {"k": 1, "k2": 2, "a.b": 3, "4": 5, "${(var.k)}": 6, "${var.q}": 7}}]}`},
		{"number text", "locals {\n a = 1e3\n b = 1.50\n}", `{"locals": [{"a": 1000, "b": 1.5}]}`},
		{"repeated blocks append", "locals { a = 1 }\nlocals { b = 2 }\n", `{"locals": [{"a": 1}, {"b": 2}]}`},
		{"dynamic block", `resource "r" "n" {
  dynamic "x" {
    for_each = var.l
    content { y = x.value }
  }
}`, `{"resource": {"r": {"n": [{"dynamic": {"x": [{"for_each": "${var.l}", "content": [{"y": "${x.value}"}]}]}}]}}}`},
		{"terraform block", `terraform { required_version = ">= 1.0" }`, `{"terraform": [{"required_version": ">= 1.0"}]}`},
		{"attribute replaces block of same name", "tags { a = 1 }\ntags = 2\n", `{"tags": 2}`},
		{"comment only", "# nothing\n", `{}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			docs, err := (&HCLParser{}).Parse("t.tf", []byte(tt.src))
			if err != nil {
				t.Fatal(err)
			}
			if len(docs) != 1 {
				t.Fatalf("got %d documents", len(docs))
			}
			if diff := cmp.Diff(asJSON(t, []byte(tt.want)), roundTrip(t, docs[0].Value)); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

func TestHCLSourceMap(t *testing.T) {
	src := "resource \"aws_s3_bucket\" \"b\" {\n  acl = \"private\"\n  tags = {\n    a = \"b\"\n  }\n}\n\nresource \"aws_s3_bucket\" \"c\" {\n  list = [1,\n    2]\n}\n"
	docs, err := (&HCLParser{}).Parse("m.tf", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	m := docs[0].Map
	want := map[string]Range{
		"": {StartLine: 1, StartCol: 1, EndLine: 11},
		// A label path over two blocks spans them, over one it is the
		// block's header.
		"/resource":                          {StartLine: 1, StartCol: 1, EndLine: 11, EndCol: 2},
		"/resource/aws_s3_bucket":            {StartLine: 1, StartCol: 1, EndLine: 11, EndCol: 2},
		"/resource/aws_s3_bucket/b":          {StartLine: 1, StartCol: 1, EndLine: 1, EndCol: 29},
		"/resource/aws_s3_bucket/b/0":        {StartLine: 1, StartCol: 1, EndLine: 6, EndCol: 2},
		"/resource/aws_s3_bucket/b/0/acl":    {StartLine: 2, StartCol: 3, EndLine: 2, EndCol: 18},
		"/resource/aws_s3_bucket/b/0/tags":   {StartLine: 3, StartCol: 3, EndLine: 5, EndCol: 4},
		"/resource/aws_s3_bucket/b/0/tags/a": {StartLine: 4, StartCol: 5, EndLine: 4, EndCol: 12},
		"/resource/aws_s3_bucket/c":          {StartLine: 8, StartCol: 1, EndLine: 8, EndCol: 29},
		"/resource/aws_s3_bucket/c/0":        {StartLine: 8, StartCol: 1, EndLine: 11, EndCol: 2},
		"/resource/aws_s3_bucket/c/0/list/1": {StartLine: 10, StartCol: 5, EndLine: 10, EndCol: 6},
	}
	for ptr, w := range want {
		got, ok := m.Exact(ParsePointer(ptr))
		if !ok {
			t.Errorf("%q: no range", ptr)
			continue
		}
		if got != w {
			t.Errorf("%q: got %+v, want %+v", ptr, got, w)
		}
	}
	// Every value path has a range.
	forEachPath(docs[0].Value, nil, func(p Path) {
		if _, ok := m.Exact(p); !ok {
			t.Errorf("no range for %s", p)
		}
	})
}

func TestHCLErrors(t *testing.T) {
	tests := []struct {
		name, src   string
		line, col   int
		msgContains string
	}{
		{"unclosed block", "a = 1\n\nresource \"x\" \"y\" {\n  b = 2\n", 3, 18, "Unclosed"},
		{"missing equals", "locals {\n  a 1\n}\n", 2, 3, ""},
		{"redefined attribute", "a = 1\na = 2\n", 2, 1, "redefined"},
		{"block label conflict", "resource \"a\" { }\nresource \"a\" \"b\" { }\n", 2, 1, "conflicts"},
		{"deep nesting", "a = " + strings.Repeat("[", 10000) + strings.Repeat("]", 10000) + "\n", 1, 1005, "nesting"},
		{"invalid utf-8", "a = 1\nb = \"\xff\"\n", 2, 6, "UTF-8"},
		{"nul byte", "a = 1\n\x00", 2, 1, "NUL"},
		{"infinite number", "resource \"a\" \"b\" {\n  y = 1e999999999\n}\n", 2, 7, "out of range"},
		{"infinite negative number", "a = [1, -1e999999999]\n", 1, 10, "out of range"},
		{"end of input before blank lines", "a = 1\nb = \"${\n\n\n", 2, 8, "end of the file"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := (&HCLParser{}).Parse("e.tf", []byte(tt.src))
			var pe *ParseError
			if !errors.As(err, &pe) {
				t.Fatalf("got %v, want a *ParseError", err)
			}
			if pe.Line != tt.line || pe.Col != tt.col {
				t.Errorf("got %d:%d (%s), want %d:%d", pe.Line, pe.Col, pe.Msg, tt.line, tt.col)
			}
			if !strings.Contains(pe.Msg, tt.msgContains) {
				t.Errorf("message %q does not mention %q", pe.Msg, tt.msgContains)
			}
		})
	}
}

func TestHCLBOMAndCRLF(t *testing.T) {
	src := "\xef\xbb\xbfa = 1\r\nb = {\r\n  c = true\r\n}\r\n"
	docs, err := (&HCLParser{}).Parse("c.tf", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(asJSON(t, []byte(`{"a": 1, "b": {"c": true}}`)), roundTrip(t, docs[0].Value)); diff != "" {
		t.Error(diff)
	}
	if r, _ := docs[0].Map.Exact(Path{"b", "c"}); r.StartLine != 3 || r.StartCol != 3 {
		t.Errorf("b.c at %+v, want line 3 col 3", r)
	}
}

// A blank file (nothing, a byte order mark, whitespace) is what conftest
// makes of it: no YAML documents, an empty Terraform body, TOML table, INI,
// dotenv or properties file ({}), and a parse error on line 1 where the
// format needs something (JSON, a plan, a Dockerfile): never a silent pass.
func TestEmptyFiles(t *testing.T) {
	for f, p := range Default() {
		for _, src := range []string{"", "\xef\xbb\xbf", " \n\r\n\t"} {
			docs, err := p.Parse("empty", []byte(src))
			var perr *ParseError
			switch f {
			case HCL, TOML, INI, Dotenv, Properties:
				if err != nil || len(docs) != 1 || len(docs[0].Value.(map[string]any)) != 0 {
					t.Errorf("%s %q: got %d documents, %v; want one, {}", f, src, len(docs), err)
				}
			case JSON, TFPlan, Dockerfile:
				if !errors.As(err, &perr) || perr.Line < 1 || len(docs) != 0 {
					t.Errorf("%s %q: got %d documents, %v; want a parse error with a line", f, src, len(docs), err)
				}
			default:
				if err != nil || len(docs) != 0 {
					t.Errorf("%s %q: got %d documents, %v; want none", f, src, len(docs), err)
				}
			}
		}
	}
}

// forEachPath calls fn for every value path below the root of v.
func forEachPath(v any, p Path, fn func(Path)) {
	switch v := v.(type) {
	case map[string]any:
		for k, e := range v {
			c := p.Child(k)
			fn(c)
			forEachPath(e, c, fn)
		}
	case []any:
		for i, e := range v {
			c := p.Index(i)
			fn(c)
			forEachPath(e, c, fn)
		}
	}
}
