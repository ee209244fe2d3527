package parsers

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"sigs.k8s.io/yaml"
)

// sigsValue is what sigs.k8s.io/yaml (conftest, kubectl) makes of a
// single-document input.
func sigsValue(src []byte) (any, error) {
	j, err := yaml.YAMLToJSON(src)
	if err != nil {
		return nil, err
	}
	var v any
	if err := json.Unmarshal(j, &v); err != nil {
		return nil, err
	}
	return v, nil
}

// TestYAMLMatchesSigs compares values with sigs.k8s.io/yaml on scalars and
// keys where YAML 1.1 and 1.2 disagree, plus tags, merges and anchors.
// TestYAMLCollidingKeysDeterministic: `1` and `'1'` are one key once keys
// are strings. sigs.k8s.io/yaml's answer then depends on Go map order, so
// it is not a reference here; ours must at least be the same every time.
func TestYAMLCollidingKeysDeterministic(t *testing.T) {
	p := &YAMLParser{}
	var first any
	for i := 0; i < 50; i++ {
		docs, err := p.Parse("t.yaml", []byte("1: a\n'1': b\n"))
		if err != nil {
			t.Fatal(err)
		}
		if i == 0 {
			first = docs[0].Value
			continue
		}
		if !cmp.Equal(first, docs[0].Value) {
			t.Fatalf("run %d: %v, first run: %v", i, docs[0].Value, first)
		}
	}
}

func TestYAMLMatchesSigs(t *testing.T) {
	scalars := []string{
		"yes", "Yes", "YES", "no", "NO", "on", "On", "off", "OFF", "y", "Y", "n", "N", "true", "False",
		"~", "null", "Null", "", "0755", "0o17", "0x1F", "0b101", "-0b101", "1_000", "+12", "-0", "08", "09.5",
		"1.5", "1e3", "1E-2", ".5", "-.5", "+1.", "6.8523015e+5", "685_230.15", "190:20:30", "2001-12-14",
		"2001-12-14t21:59:43.10-05:00", "2001-12-14 21:59:43.10", "9223372036854775807", "9223372036854775808",
		"18446744073709551615", "18446744073709551616", "'yes'", `"0755"`, "!!str 123", "!!int '12'",
		"!!float 1", "!!bool yes", "!!null ''", "!Ref foo", "!GetAtt a.b", "!!binary aGVsbG8=", "!!timestamp 2001-01-01",
		"abc", "yes please", "1.2.3", "0.", "-", "- -", ":x", "<<",
	}
	var cases []string
	for _, s := range scalars {
		cases = append(cases, "v: "+s+"\n", s+": v\n", "- "+s+"\n")
	}
	cases = append(cases,
		"on:\n  push: {branches: [main]}\n",
		"a: &x {k: 1, j: 2}\nb:\n  <<: *x\n  k: 3\n",
		"a: &x {k: 1}\nb: &y {k: 2, m: 1}\nc:\n  <<: [*x, *y]\n",
		"c:\n  k: 0\n  <<: {k: 1, z: 2}\n",
		"a: &s hello\nb: *s\n*s : k\n",
		"a: 1\na: 2\n",
		"x: |\n  line\n  # not a comment\ny: >-\n  folded\n  text\n",
		"k: !Sub [a, b]\n",
		"? complex\n: v\n",
	)
	p := &YAMLParser{}
	for _, src := range cases {
		want, werr := sigsValue([]byte(src))
		docs, err := p.Parse("t.yaml", []byte(src))
		if (werr != nil) != (err != nil) {
			t.Errorf("%q: error mismatch: sigs %v, ours %v", src, werr, err)
			continue
		}
		if err != nil {
			continue
		}
		if l, ok := want.([]any); ok {
			// A top-level sequence is one document per element.
			var got []any
			for _, d := range docs {
				got = append(got, d.Value)
			}
			if diff := cmp.Diff(l, got); diff != "" {
				t.Errorf("%q (-sigs +ours):\n%s", src, diff)
			}
			continue
		}
		if len(docs) != 1 {
			t.Errorf("%q: %d documents", src, len(docs))
			continue
		}
		if diff := cmp.Diff(want, docs[0].Value); diff != "" {
			t.Errorf("%q (-sigs +ours):\n%s", src, diff)
		}
	}
}

func TestYAMLDocuments(t *testing.T) {
	src := "# header\n---\na: 1\n--- # separator comment\n# about b\nb:\n  c: 2\n\n# trailing\n---\n---\n# nothing here\n...\n---\nnull\n"
	docs, err := (&YAMLParser{}).Parse("m.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	type doc struct {
		Index int
		Value any
		Range Range
	}
	var got []doc
	for _, d := range docs {
		got = append(got, doc{d.Index, d.Value, d.Range})
	}
	want := []doc{
		{0, map[string]any{"a": float64(1)}, Range{StartLine: 3, StartCol: 1, EndLine: 3}},
		{1, map[string]any{"b": map[string]any{"c": float64(2)}}, Range{StartLine: 6, StartCol: 1, EndLine: 7}},
		{2, nil, Range{StartLine: 15, StartCol: 1, EndLine: 15}},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	if r, _ := docs[1].Map.Exact(Path{"b", "c"}); r.StartLine != 7 || r.StartCol != 3 {
		t.Errorf("/b/c at %+v, want line 7 col 3", r)
	}
}

func TestYAMLSecondDocumentLine(t *testing.T) {
	src := "apiVersion: v1\nkind: Pod\nmetadata: {name: a}\n---\n\napiVersion: v1\nkind: Pod\nmetadata:\n  name: b\nspec:\n  containers:\n  - name: c\n    securityContext:\n      privileged: true\n"
	docs, err := (&YAMLParser{}).Parse("pods.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	if len(docs) != 2 {
		t.Fatalf("got %d documents, want 2", len(docs))
	}
	if docs[1].Range.StartLine != 6 || docs[1].Range.EndLine != 14 {
		t.Errorf("second document range %+v, want lines 6-14", docs[1].Range)
	}
	r, at := docs[1].Map.Lookup(Path{"spec", "containers", "0", "securityContext", "privileged"})
	if r.StartLine != 14 || len(at) != 5 {
		t.Errorf("privileged at %+v (%v), want line 14", r, at)
	}
	forEachPath(docs[1].Value, nil, func(p Path) {
		if _, ok := docs[1].Map.Exact(p); !ok {
			t.Errorf("no range for %s", p)
		}
	})
}

func TestYAMLTopLevelSequence(t *testing.T) {
	docs, err := (&YAMLParser{}).Parse("l.yaml", []byte("- a: 1\n- b:\n    c: 2\n"))
	if err != nil {
		t.Fatal(err)
	}
	if len(docs) != 2 {
		t.Fatalf("got %d documents, want one per element", len(docs))
	}
	if r, ok := docs[1].Map.Exact(Path{"b", "c"}); !ok || r.StartLine != 3 {
		t.Errorf("element 1 /b/c at %+v (%v), want line 3", r, ok)
	}
	if docs[1].Index != 1 || docs[1].Range.StartLine != 2 {
		t.Errorf("element 1: index %d range %+v", docs[1].Index, docs[1].Range)
	}
}

func TestYAMLErrors(t *testing.T) {
	bomb := "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
	for i, prev := 'b', 'a'; i <= 'j'; i, prev = i+1, i {
		bomb += fmt.Sprintf("%c: &%c [*%c, *%c, *%c, *%c, *%c, *%c, *%c, *%c, *%c, *%c]\n", i, i, prev, prev, prev, prev, prev, prev, prev, prev, prev, prev)
	}
	tests := []struct {
		name, src   string
		line        int
		msgContains string
	}{
		{"unclosed flow", "a: 1\nb: [1, 2\n", 2, "did not find expected"},
		{"bad indentation", "a: 1\n b: 2\n", 2, "mapping values"},
		{"block after scalar", "a:\n  b: 1\n c\n", 3, ""},
		{"second document broken", "a: 1\n---\nb: [\n", 3, ""},
		{"unknown anchor", "a: 1\nb: *nope\n", 2, "unknown anchor"},
		{"unterminated quote", "a: 1\nb: \"x\n\n", 2, "unexpected end of stream"},
		{"unterminated quote, last line", "0: \"", 1, "unexpected end of stream"},
		{"bad token on the first line", "0: %", 1, "cannot start any token"},
		// Scanner problems that read like parser ones: the alias's line.
		{"alias without a name", "a: 1\nb:\n  c: *\n  d: 1\n", 3, "alphabetic or numeric"},
		{"tag handle without a name", "a: 1\nb: !a! x\n", 2, ""},
		// Parser problems in a nested collection: the token's line, not
		// the line where the collection starts.
		{"sequence under a nested key", "top: 1\nouter:\n  inner:\n    leaf:\n  - x\n", 5, "did not find expected key"},
		{"key under a nested sequence", "top: 1\nlist:\n  - a\n  - b\n  x: 1\n", 5, "'-' indicator"},
		{"flow mapping not closed", "top: 1\nouter:\n  m: {a: 1, b: 2\n  n: 3\n", 4, ""},
		{"alias bomb", bomb, 0, "alias"},
		{"deep nesting", strings.Repeat("[", 5000) + strings.Repeat("]", 5000) + "\n", 1, "nesting"},
		{"deep block nesting", deepBlockYAML(1200), 1002, "nesting"},
		{"infinity", "a: 1\nb: .inf\n", 2, "infinity"},
		{"null key", "~: 1\n", 1, "null"},
		{"sequence key", "? [a]\n: 1\n", 1, "key"},
		{"bad int tag", "a: !!int abc\n", 1, "!!int"},
		{"invalid utf-8", "a: 1\nb: \xc3\x28\n", 2, "UTF-8"},
		{"nul", "a: 1\nb: \x00\n", 2, "NUL"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := (&YAMLParser{}).Parse("e.yaml", []byte(tt.src))
			var pe *ParseError
			if !errors.As(err, &pe) {
				t.Fatalf("got %v, want a *ParseError", err)
			}
			if tt.line > 0 && pe.Line != tt.line {
				t.Errorf("got line %d (%s), want %d", pe.Line, pe.Msg, tt.line)
			}
			if pe.Line < 1 {
				t.Errorf("no line in %v", pe)
			}
			if !strings.Contains(pe.Msg, tt.msgContains) {
				t.Errorf("message %q does not mention %q", pe.Msg, tt.msgContains)
			}
		})
	}
}

func deepBlockYAML(n int) string {
	var b strings.Builder
	for i := 0; i < n; i++ {
		b.WriteString(strings.Repeat(" ", i))
		b.WriteString("k:\n")
	}
	return b.String()
}

func TestYAMLBOMAndCRLF(t *testing.T) {
	src := "\xef\xbb\xbfa: 1\r\nb:\r\n  c: yes\r\n---\r\nd: 2\r\n"
	docs, err := (&YAMLParser{}).Parse("c.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	if len(docs) != 2 || docs[1].Range.StartLine != 5 {
		t.Fatalf("got %d documents, second at %+v", len(docs), docs[len(docs)-1].Range)
	}
	if r, _ := docs[0].Map.Exact(Path{"b", "c"}); r.StartLine != 3 || r.StartCol != 3 {
		t.Errorf("b.c at %+v, want 3:3", r)
	}
	if docs[0].Value.(map[string]any)["b"].(map[string]any)["c"] != true {
		t.Errorf("yes is not true: %v", docs[0].Value)
	}
}

// TestTemplateHint: a syntax error in a file with template directives on
// or before its line says to render the file first; other errors do not.
func TestTemplateHint(t *testing.T) {
	const hint = "template directives: a Helm chart's templates are rendered"
	tests := []struct {
		name, src string
		want      bool
	}{
		{"helm template", "metadata:\n  name: x\n  labels:\n    {{- include \"l\" . | nindent 4 }}\n", true},
		{"flow key", "name: {{ .Values.name }}\n", true},
		{"plain error", "a: [\n", false},
		{"directive after the error", "a: b: c\nd: \"{{ x }}\"\n", false},
		{"github expression", "run: echo ${{ github.ref }}\na: b: c\n", false},
		{"github expression, then a directive", "run: echo ${{ github.ref }} {{ x }}\na: b: c\n", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := (&YAMLParser{}).Parse("t.yaml", []byte(tt.src))
			if err == nil {
				t.Fatal("no error")
			}
			if got := strings.Contains(err.Error(), hint); got != tt.want {
				t.Errorf("%v: hint %v, want %v", err, got, tt.want)
			}
			// A workflow's {{ }} are placeholders of a starter workflow:
			// no talk of helm.
			_, err = (&WorkflowParser{}).Parse(".github/workflows/t.yml", []byte(tt.src))
			if err == nil {
				t.Fatal("no error")
			}
			if strings.Contains(err.Error(), "helm") || strings.Contains(err.Error(), "placeholders, which are not YAML") != tt.want {
				t.Errorf("workflow: %v", err)
			}
		})
	}
}

// The values an alias produces are where the alias is: a finding on the
// second step lands on `- *checkout`, not on the anchored first step.
func TestAliasValuesAtTheAlias(t *testing.T) {
	src := "steps:\n  - &checkout\n    uses: actions/checkout@v4\n    with: {fetch-depth: 0}\n  - *checkout\n  - name: x\n    uses: *u\nu: &u other/action@v1\n"
	src = "u: &u other/action@v1\n" + strings.Replace(src, "u: &u other/action@v1\n", "", 1)
	docs, err := (&YAMLParser{}).Parse("w.yml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	for path, want := range map[string]int{
		"/steps/0/uses":             4,
		"/steps/1":                  6,
		"/steps/1/uses":             6,
		"/steps/1/with/fetch-depth": 6,
		"/steps/2/uses":             8,
	} {
		r, _ := docs[0].Map.Lookup(ParsePointer(path))
		if r.StartLine != want {
			t.Errorf("%s: line %d, want %d", path, r.StartLine, want)
		}
	}
}

// Entries a merge key brings in through an alias are where the "<<" is,
// not at the anchor in another container (or another document).
func TestMergedValuesAtTheMergeKey(t *testing.T) {
	src := `containers:
  - name: base
    securityContext: &sec
      privileged: true
  - name: merged
    securityContext:
      <<: *sec
      readOnlyRootFilesystem: true
  - name: merged-list
    securityContext:
      <<: [*sec]
`
	docs, err := (&YAMLParser{}).Parse("p.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	for path, want := range map[string]int{
		"/containers/0/securityContext/privileged":             4,
		"/containers/1/securityContext/privileged":             7,
		"/containers/1/securityContext/readOnlyRootFilesystem": 8,
		"/containers/2/securityContext/privileged":             11,
	} {
		r, ok := docs[0].Map.Exact(ParsePointer(path))
		if !ok || r.StartLine != want {
			t.Errorf("%s: line %d (%v), want %d", path, r.StartLine, ok, want)
		}
	}
}

// In a flow collection written over several lines (JSON written as YAML),
// a value ends on its own line, not on the lines of brackets that close
// its enclosing collections, and a collection ends at its own bracket.
func TestFlowCollectionRanges(t *testing.T) {
	src := `{
  "metadata": {
    "name": "p # not a comment",
    "labels": {"a": "b}"}
  },
  "spec": {
    "containers": [
      {
        "name": 'c''s',
        "image": "nginx:latest"
      }
    ],
    "args": [
      x, # a comment ]
      y
    ]
  }
}
`
	docs, err := (&YAMLParser{}).Parse("j.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	for path, want := range map[string][2]int{
		"/metadata/name":           {3, 3},
		"/metadata/labels":         {4, 4},
		"/metadata":                {2, 5},
		"/spec/containers/0":       {8, 11},
		"/spec/containers/0/name":  {9, 9},
		"/spec/containers/0/image": {10, 10},
		"/spec/containers":         {7, 12},
		"/spec/args/1":             {15, 15},
		"/spec/args":               {13, 16},
		"/spec":                    {6, 17},
	} {
		r, ok := docs[0].Map.Exact(ParsePointer(path))
		if !ok || r.StartLine != want[0] || r.EndLine != want[1] {
			t.Errorf("%s: lines %d-%d (%v), want %d-%d", path, r.StartLine, r.EndLine, ok, want[0], want[1])
		}
	}
	// A sibling on the closing line does not cut the collection short.
	docs, err = (&YAMLParser{}).Parse("g.yaml", []byte("{\"d\": [1,\n  2], \"e\": {\"x\": {\"y\": 1,\n \"z\": 2}}, \"f\": 3}\n"))
	if err != nil {
		t.Fatal(err)
	}
	for path, want := range map[string][2]int{
		"/d":     {1, 2},
		"/e":     {2, 3},
		"/e/x":   {2, 3},
		"/e/x/y": {2, 2},
		"/f":     {3, 3},
	} {
		r, ok := docs[0].Map.Exact(ParsePointer(path))
		if !ok || r.StartLine != want[0] || r.EndLine != want[1] {
			t.Errorf("%s: lines %d-%d (%v), want %d-%d", path, r.StartLine, r.EndLine, ok, want[0], want[1])
		}
	}
}
