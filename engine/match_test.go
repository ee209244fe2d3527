package engine

import (
	"context"
	"strings"
	"testing"

	"github.com/infragate/infragate/parsers"
)

// TestMatchLines narrows a value's range to the line of a text, for each
// YAML scalar style, CRLF, a Dockerfile continuation, and keeps the range
// when the source cannot be mapped exactly.
func TestMatchLines(t *testing.T) {
	const expr = "${{ github.head_ref }}"
	cases := []struct {
		name       string
		src        string
		start, end int
		value      any
		match      string
		want       [2]int // {0, 0}: the range is kept
	}{{
		name:  "literal",
		src:   "run: |\n  echo one\n  echo \"" + expr + "\"\n  echo three\n",
		start: 1, end: 4,
		value: "echo one\necho \"" + expr + "\"\necho three\n",
		match: expr, want: [2]int{3, 3},
	}, {
		name:  "literal CRLF",
		src:   "run: |\r\n  echo one\r\n  echo \"" + expr + "\"\r\n  echo three\r\n",
		start: 1, end: 4,
		value: "echo one\necho \"" + expr + "\"\necho three\n",
		match: expr, want: [2]int{3, 3},
	}, {
		name:  "folded",
		src:   "run: >\n  echo one\n  echo \"" + expr + "\"\n\n  echo three\n",
		start: 1, end: 5,
		value: "echo one echo \"" + expr + "\"\necho three\n",
		match: expr, want: [2]int{3, 3},
	}, {
		name:  "plain multi-line",
		src:   "run: echo one\n  echo " + expr + "\n  echo three\n",
		start: 1, end: 3,
		value: "echo one echo " + expr + " echo three",
		match: expr, want: [2]int{2, 2},
	}, {
		name:  "double-quoted",
		src:   "run: \"echo one\n  echo \\\"" + expr + "\\\"\n  echo three\"\n",
		start: 1, end: 3,
		value: "echo one echo \"" + expr + "\" echo three",
		match: expr, want: [2]int{2, 2},
	}, {
		name:  "single-quoted",
		src:   "run: 'echo one\n  echo ''" + expr + "''\n  echo three'\n",
		start: 1, end: 3,
		value: "echo one echo '" + expr + "' echo three",
		match: expr, want: [2]int{2, 2},
	}, {
		name:  "on the first line",
		src:   "run: echo " + expr + "\n  echo two\n",
		start: 1, end: 2,
		value: "echo " + expr + " echo two",
		match: expr, want: [2]int{1, 1},
	}, {
		name:  "twice: the first occurrence",
		src:   "run: |\n  echo one\n  echo " + expr + "\n  echo three\n  echo " + expr + "\n",
		start: 1, end: 5,
		value: "echo one\necho " + expr + "\necho three\necho " + expr + "\n",
		match: expr, want: [2]int{3, 3},
	}, {
		name:  "twice on one line",
		src:   "run: |\n  echo one\n  echo " + expr + expr + "\n",
		start: 1, end: 3,
		value: "echo one\necho " + expr + expr + "\n",
		match: expr, want: [2]int{3, 3},
	}, {
		name:  "not in the value",
		src:   "run: |\n  echo one\n  echo two\n",
		start: 1, end: 3,
		value: "echo one\necho two\n",
		match: expr,
	}, {
		name:  "in a comment inside the range, not in the value",
		src:   "run: echo one\n  # " + expr + "\n  echo two\n",
		start: 1, end: 3,
		value: "echo one",
		match: expr,
	}, {
		name:  "in the value and again in a comment inside the range",
		src:   "run: echo one\n  # " + expr + "\n  echo " + expr + "\n",
		start: 1, end: 3,
		value: "echo one echo " + expr,
		match: expr,
	}, {
		name:  "escaped in the source",
		src:   "run: \"echo one\n  echo \\x24{{ github.head_ref }}\"\n",
		start: 1, end: 2,
		value: "echo one echo " + expr,
		match: expr,
	}, {
		name:  "folded across lines",
		src:   "run: >\n  echo ${{ github.\n  head_ref }}\n",
		start: 1, end: 3,
		value: "echo ${{ github. head_ref }}\n",
		match: "${{ github. head_ref }}",
	}, {
		name:  "text with line breaks",
		src:   "run: |\n  a\n  b\n    c\n  d\n",
		start: 1, end: 5,
		value: "a\nb\n  c\nd\n",
		match: "b\n  c", want: [2]int{3, 4},
	}, {
		name:  "text with line breaks in a folded scalar",
		src:   "run: >\n  a\n  b\n  c\n",
		start: 1, end: 4,
		value: "a b c\n",
		match: "a\nb",
	}, {
		name:  "Dockerfile continuation lines",
		src:   "FROM x\nRUN apt-get update \\\n # curl -fsSL https://a | sh\n && curl -fsSL https://b | sh \\\n && true\n",
		start: 2, end: 5,
		value: map[string]any{
			"Value":    []any{"apt-get update  && curl -fsSL https://b | sh  && true"},
			"Original": "RUN apt-get update  && curl -fsSL https://b | sh  && true",
		},
		match: "curl -fsSL https://b | sh", want: [2]int{4, 4},
	}, {
		name:  "Dockerfile continuation inside the text",
		src:   "RUN curl -fsSL https://b \\\n  | sh\n",
		start: 1, end: 2,
		value: []any{"curl -fsSL https://b   | sh"},
		match: "curl -fsSL https://b   | sh",
	}, {
		name:  "range past the end of the file",
		src:   "run: |\n  echo " + expr,
		start: 1, end: 9,
		value: "echo " + expr,
		match: expr, want: [2]int{2, 2},
	}, {
		name:  "not a string",
		src:   "replicas:\n  3\n",
		start: 1, end: 2,
		value: 3,
		match: "3",
	}}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var got [2]int
			if s, e, ok := matchLines([]byte(c.src), c.start, c.end, c.value, c.match); ok {
				got = [2]int{s, e}
			}
			if got != c.want {
				t.Errorf("got lines %v, want %v", got, c.want)
			}
		})
	}
}

// TestMatchFinding runs a policy whose results name their text in _match
// over YAML files: the finding lands on the text's line, _match is not
// metadata, and a result without one keeps the value's range.
func TestMatchFinding(t *testing.T) {
	pol := `package main

deny contains {"msg": "exact", "path": ["run"], "_match": "${{ x }}"} if input.run
deny contains {"msg": "missing", "path": ["run"], "_match": "not there"} if input.run
deny contains {"msg": "whole", "path": ["run"]} if input.run
`
	doc := "name: a\nrun: |\n  echo one\n  echo ${{ x }}\n  echo ${{ x }}\n  echo four\n"
	for name, src := range map[string]string{"lf": doc, "crlf": strings.ReplaceAll(doc, "\n", "\r\n")} {
		t.Run(name, func(t *testing.T) {
			e, err := New(context.Background(), Options{Policies: []string{writePolicy(t, map[string]string{"p.rego": pol})}})
			if err != nil {
				t.Fatal(err)
			}
			rep, err := e.Check(context.Background(), []File{{Name: "a.yaml", Format: parsers.YAML, Parser: &parsers.YAMLParser{}, Content: []byte(src)}})
			if err != nil {
				t.Fatal(err)
			}
			got := map[string][2]int{}
			for _, f := range rep.Findings {
				got[f.Message] = [2]int{f.StartLine, f.EndLine}
				if _, ok := f.Metadata["_match"]; ok {
					t.Errorf("%s: _match is in the metadata", f.Message)
				}
				if f.Path != "/run" {
					t.Errorf("%s: path %q", f.Message, f.Path)
				}
			}
			want := map[string][2]int{"exact": {4, 4}, "missing": {2, 6}, "whole": {2, 6}}
			for k, w := range want {
				if got[k] != w {
					t.Errorf("%s: lines %v, want %v", k, got[k], w)
				}
			}
		})
	}
}
