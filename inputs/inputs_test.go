package inputs

import (
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/infragate/infragate/engine"
)

// TestLongListsMatchShortOnes checks that a path list long enough to be
// looked at in parallel (lstatAll) is collected exactly as the same paths
// named a few at a time: same files, same skips, same first error.
func TestLongListsMatchShortOnes(t *testing.T) {
	dir := t.TempDir()
	entries := map[string]string{"out.yaml": "-> /etc/hostname", "sub/": ""}
	var paths []string
	for i := range lstatMinPaths + 44 {
		name := fmt.Sprintf("d%d/f%03d.yaml", i%7, i)
		entries[name] = "a: 1\n"
		paths = append(paths, name)
	}
	paths = append(paths, "out.yaml", "sub", "notes.txt", "-")
	entries["notes.txt"] = "text"
	tree(t, dir, entries)

	opts := Options{SkipUnknown: true, Stdin: strings.NewReader("b: 2\n"), StdinName: "stdin.yaml"}
	long, err := collect(t, dir, paths, opts)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := len(long.Files), lstatMinPaths+44+1; got != want {
		t.Errorf("%d files, want %d", got, want)
	}
	if len(long.Skipped) != 1 || long.Skipped[0].Name != "out.yaml" {
		t.Errorf("skipped %+v, want out.yaml", long.Skipped)
	}
	short := &Result{}
	for i := 0; i < len(paths); i += 10 {
		opts.Stdin = strings.NewReader("b: 2\n")
		part, err := collect(t, dir, paths[i:min(i+10, len(paths))], opts)
		if err != nil {
			t.Fatal(err)
		}
		short.Files = append(short.Files, part.Files...)
		short.Skipped = append(short.Skipped, part.Skipped...)
	}
	names := func(r *Result) []string {
		var out []string
		for _, f := range r.Files {
			out = append(out, f.Name+" "+string(f.Format))
		}
		for _, s := range r.Skipped {
			out = append(out, s.Name+" skipped: "+s.Reason)
		}
		return out
	}
	a, b := names(long), names(short)
	if !reflect.DeepEqual(setOf(a), setOf(b)) {
		t.Errorf("long list:\n%v\nshort lists:\n%v", a, b)
	}

	missing := append(append([]string(nil), paths[:lstatMinPaths]...), "gone.yaml")
	if _, err := collect(t, dir, missing, Options{}); err == nil || !strings.Contains(err.Error(), "gone.yaml") {
		t.Errorf("missing path: err = %v, want one naming gone.yaml", err)
	}
}

func setOf(xs []string) map[string]bool {
	m := map[string]bool{}
	for _, x := range xs {
		m[x] = true
	}
	return m
}

// TestFoundSeesEveryFile checks that Options.Found is handed every file of
// the result, standard input included, each once, as it is found.
func TestFoundSeesEveryFile(t *testing.T) {
	dir := t.TempDir()
	tree(t, dir, map[string]string{"b/x.yaml": "a: 1\n", "a/y.tf": "a = 1\n", "a/skip.txt": "x", "c.json": "{}"})
	var seen []string
	opts := Options{Stdin: strings.NewReader("k: v\n"), Found: func(f engine.File) { seen = append(seen, f.Name) }}
	res, err := collect(t, dir, []string{"b", "-", ".", "c.json"}, opts)
	if err != nil {
		t.Fatal(err)
	}
	var want []string
	for _, f := range res.Files {
		want = append(want, f.Name)
	}
	if !reflect.DeepEqual(setOf(seen), setOf(want)) || len(seen) != len(want) || len(want) != 4 {
		t.Errorf("Found saw %v; the result has %v", seen, want)
	}
	if seen[0] != "b/x.yaml" || seen[1] != "stdin" {
		t.Errorf("Found saw %v, want the files in the order found (b/x.yaml, stdin, ...)", seen)
	}
}
