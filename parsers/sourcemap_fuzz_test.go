package parsers

import (
	"slices"
	"sort"
	"strconv"
	"testing"
)

// FuzzSourceMapLookup parses a file with one of the parsers and looks up
// paths in its source maps: the fuzzed pointer, every recorded pointer, a
// child of each, and every path reachable in the document's value. It checks
// the invariants the engine relies on to put a finding on a line:
//
//   - ParsePointer inverts Path.String;
//   - Lookup returns a prefix of the path it was given, and the range
//     recorded for exactly that prefix;
//   - every recorded pointer is found exactly;
//   - every path reachable in a document's value resolves to a range inside
//     the file (the nearest ancestor at worst, the document root at least).
func FuzzSourceMapLookup(f *testing.F) {
	seeds := []struct {
		src    string
		format byte
		ptr    string
	}{
		{"resource \"aws_s3_bucket\" \"logs\" {\n  acl = \"public-read\"\n  tags = { env = \"prod\" }\n}\n", 0, "/resource/aws_s3_bucket/logs/0/acl"},
		{"variable \"env\" {\n  default = \"dev\"\n}\nlocals {\n  a = [1, 2]\n}\n", 0, "/locals/0/a/1"},
		{"apiVersion: v1\nkind: Pod\nspec:\n  containers:\n    - name: app\n      image: nginx\n", 1, "/spec/containers/0/image"},
		{"a: &x {k: 1}\nb: {<<: *x, j: 2}\n", 1, "/b/k"},
		{"one: 1\n---\ntwo: [a, b]\n", 1, "/two/1/missing"},
		{"{\"a~b\": {\"c/d\": [true, null]}}", 2, "/a~0b/c~1d/1"},
		{"[{\"name\": \"x\"}, {\"name\": \"y\"}]", 2, "/name"},
		{"\ufeff{\r\n  \"k\": \"v\"\r\n}\r\n", 2, "/k"},
	}
	for _, s := range seeds {
		f.Add([]byte(s.src), s.format, s.ptr)
	}
	parsers := []struct {
		name string
		p    Parser
	}{{"f.tf", &HCLParser{}}, {"f.yaml", &YAMLParser{}}, {"f.json", &JSONParser{}}}
	f.Fuzz(func(t *testing.T, src []byte, format byte, ptr string) {
		// The pointer syntax round-trips for any path.
		p := ParsePointer(ptr)
		if got := ParsePointer(p.String()); !slices.Equal(got, p) {
			t.Fatalf("ParsePointer(%q.String()) = %q, want %q", p.String(), got, p)
		}
		pp := parsers[int(format)%len(parsers)]
		docs, err := pp.p.Parse(pp.name, src)
		if err != nil {
			return
		}
		lines := lineCount(stripBOM(src))
		if _, ok := pp.p.(*YAMLParser); ok {
			lines = newYAMLLines(stripBOM(src)).count
		}
		for _, d := range docs {
			checkLookup(t, d.Map, p, lines)
			for _, e := range d.Map.Entries() {
				ep := ParsePointer(e.Pointer)
				if r, ok := d.Map.Exact(ep); !ok || r != e.Range {
					t.Fatalf("recorded pointer %q: Exact = %+v, %v; want %+v", e.Pointer, r, ok, e.Range)
				}
				checkLookup(t, d.Map, ep.Child("no such key"), lines)
			}
			walkPaths(d.Value, Path{}, 0, func(vp Path) {
				r, m := checkLookup(t, d.Map, vp, lines)
				if m == nil || r.IsZero() {
					t.Fatalf("value path %q has no range, not even the document's", vp.String())
				}
			})
		}
	})
}

// checkLookup asserts Lookup's contract for one path and returns its result.
func checkLookup(t *testing.T, m *SourceMap, p Path, lines int) (Range, Path) {
	t.Helper()
	r, got := m.Lookup(p)
	if got == nil {
		if !r.IsZero() {
			t.Fatalf("Lookup(%q) gave range %+v without a path", p.String(), r)
		}
		return r, got
	}
	if len(got) > len(p) || !slices.Equal(got, p[:len(got)]) {
		t.Fatalf("Lookup(%q) matched %q, not a prefix", p.String(), got.String())
	}
	if exact, ok := m.Exact(got); !ok || exact != r {
		t.Fatalf("Lookup(%q) = %+v at %q, but Exact gives %+v, %v", p.String(), r, got.String(), exact, ok)
	}
	if r.StartLine < 1 || r.EndLine < r.StartLine || r.EndLine > lines {
		t.Fatalf("Lookup(%q) = %+v outside lines 1..%d", p.String(), r, lines)
	}
	return r, got
}

// walkPaths calls fn with the path of every value in v, up to a bounded
// number of levels (deep values are covered by their ancestors' checks).
func walkPaths(v any, p Path, depth int, fn func(Path)) {
	fn(p)
	if depth > 64 {
		return
	}
	switch x := v.(type) {
	case map[string]any:
		keys := make([]string, 0, len(x))
		for k := range x {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			walkPaths(x[k], p.Child(k), depth+1, fn)
		}
	case []any:
		for i, e := range x {
			walkPaths(e, p.Child(strconv.Itoa(i)), depth+1, fn)
		}
	}
}
