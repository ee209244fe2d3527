package inputs

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/infragate/infragate/engine"
	"github.com/infragate/infragate/parsers"
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

// Formats names the format of every file Collect can find at the paths, or
// says it cannot tell.
func TestFormats(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	for _, f := range []string{"main.tf", "k8s/app.yaml", "Dockerfile", ".github/workflows/ci.yml", "plan.json", "README.md", "dir.yaml/x.tf"} {
		if err := os.MkdirAll(filepath.Dir(f), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(f, nil, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	many := make([]string, FormatsMaxPaths+1)
	for i := range many {
		many[i] = "main.tf"
	}
	for _, tc := range []struct {
		name  string
		paths []string
		opts  Options
		want  []parsers.Format // nil: cannot tell
	}{
		{"files", []string{"main.tf", "k8s/app.yaml", "main.tf"}, Options{}, []parsers.Format{parsers.HCL, parsers.YAML}},
		{"by name", []string{"Dockerfile", ".github/workflows/ci.yml", "plan.json"}, Options{}, []parsers.Format{parsers.Dockerfile, parsers.JSON, parsers.Workflow}},
		{"unknown files are not read", []string{"README.md", "main.tf"}, Options{}, []parsers.Format{parsers.HCL}},
		{"forced", []string{"main.tf", "README.md"}, Options{Parser: "json"}, []parsers.Format{parsers.JSON}},
		{"stdin", []string{"-"}, Options{}, []parsers.Format{parsers.YAML}},
		{"stdin named", []string{"-"}, Options{StdinName: "x.tf"}, []parsers.Format{parsers.HCL}},
		{"a directory", []string{"main.tf", "k8s"}, Options{}, nil},
		{"a directory named like a file", []string{"dir.yaml"}, Options{}, nil},
		{"missing", []string{"nope.tf"}, Options{}, nil},
		{"none", nil, Options{}, nil},
		{"too many", many, Options{}, nil},
	} {
		got, ok := Formats(tc.paths, tc.opts)
		if ok != (tc.want != nil) || !slices.Equal(got, tc.want) {
			t.Errorf("%s: Formats(%v) = %v, %t; want %v", tc.name, tc.paths, got, ok, tc.want)
		}
	}
}

// A walk finds Dockerfile-prod and Containerfile_x, and passes over the
// documentation and templates named after Dockerfiles; named, those are of
// no known format.
func TestWalkDockerfileNames(t *testing.T) {
	dir := t.TempDir()
	tree(t, dir, map[string]string{
		"Dockerfile-prod":      "FROM a\n",
		"svc/Containerfile_x":  "FROM a\n",
		"Dockerfile.md":        "# notes\n",
		"Dockerfile.txt":       "notes\n",
		"Dockerfile.j2":        "FROM {{ image }}\n",
		"docs/Dockerfile.tmpl": "FROM {{ .Image }}\n",
	})
	res, err := collect(t, dir, []string{"."}, Options{SkipUnknown: true})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, f := range res.Files {
		got = append(got, filepath.ToSlash(f.Name)+" "+string(f.Format))
	}
	slices.Sort(got)
	if want := []string{"Dockerfile-prod dockerfile", "svc/Containerfile_x dockerfile"}; !slices.Equal(got, want) {
		t.Errorf("walk found %q, want %q", got, want)
	}
	if _, err := collect(t, dir, []string{"Dockerfile.md"}, Options{}); err == nil || !strings.Contains(err.Error(), "unknown file format") {
		t.Errorf("named Dockerfile.md: %v, want an unknown file format error", err)
	}
}
