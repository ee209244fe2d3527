package parsers

import (
	"reflect"
	"testing"
)

// FuzzYAMLFast checks the fast YAML path against goyaml's: for any input,
// ParseEach must hand over the same documents (values, indexes, ranges,
// source maps) and the same error with the fast path as without it, and
// whenever the fast path accepts an input goyaml must accept it too. It
// also checks the line index both paths share against a plain reference.
// Seeds
// live in testdata/fuzz/FuzzYAMLFast.
func FuzzYAMLFast(f *testing.F) {
	for _, s := range []string{
		"apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\n  labels: {app: web}\nspec:\n  containers:\n  - name: c\n    args: [\"sh\", \"-c\"]\n",
		"a:\n- x\n-\n  b: 1\n- - y\nc: |\n  text\n\n  more\nd: >-\n  folded\n  line\n",
		"---\na: 1\n--- # c\n---\n- b\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		got, want := newYAMLLines(src), yamlLinesReference(src)
		if got.count != want.count || !reflect.DeepEqual(got.lastContent, want.lastContent) {
			t.Fatalf("%q: newYAMLLines = %d %v, want %d %v", src, got.count, got.lastContent, want.count, want.lastContent)
		}
		if _, diff := compareYAMLFast(src); diff != "" {
			t.Fatalf("%q\n%s", src, diff)
		}
	})
}
