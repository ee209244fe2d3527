package inputs

import (
	"errors"
	"fmt"
	"io/fs"
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

// TestListedMissingPaths checks that, with SkipMissing, a named path that
// does not exist (a file a change deleted, in a list from git) is reported
// as skipped and the others are collected, in short lists and in long ones
// (looked at in parallel); without it, it is an error.
func TestListedMissingPaths(t *testing.T) {
	for _, n := range []int{1, lstatMinPaths} {
		t.Run(fmt.Sprint(n), func(t *testing.T) {
			dir := realTemp(t)
			entries := map[string]string{}
			var paths []string
			for i := range n {
				name := fmt.Sprintf("f%03d.yaml", i)
				entries[name] = "a: 1\n"
				paths = append(paths, name)
			}
			tree(t, dir, entries)
			paths = append(paths, "gone.tf", "sub/gone.yaml", "GONE.md")
			res, err := collect(t, dir, paths, Options{SkipUnknown: true, SkipMissing: true})
			if err != nil {
				t.Fatal(err)
			}
			if len(res.Files) != n {
				t.Errorf("%d files, want %d", len(res.Files), n)
			}
			want := []Skipped{
				{Name: "gone.tf", Reason: "does not exist (deleted?); not evaluated", Gone: true},
				{Name: "sub/gone.yaml", Reason: "does not exist (deleted?); not evaluated", Gone: true},
			}
			if !reflect.DeepEqual(want, res.Skipped) {
				t.Errorf("skipped %+v, want %+v", res.Skipped, want)
			}
			if _, err := collect(t, dir, paths, Options{SkipUnknown: true}); err == nil || !strings.Contains(err.Error(), "gone.tf: no such file or directory") {
				t.Errorf("without SkipMissing: err = %v, want gone.tf: no such file or directory", err)
			}
		})
	}
}

// TestStdinScalarIsAParseError checks that standard input read as YAML
// only by default (no --parser, no --stdin-filename with a known
// extension) and holding a bare scalar document (Terraform piped without
// --parser reads as one string) does not parse, with a message that says
// to name the format; named formats and YAML data parse as before.
func TestStdinScalarIsAParseError(t *testing.T) {
	tf := "resource \"aws_s3_bucket\" \"b\" {\n  acl = \"public-read\"\n}\n"
	tests := []struct {
		name, parser, stdinName, src string
		wantErr                      string // "" for no error
		wantLine                     int
	}{
		{"terraform by default", "", "", tf, "plain string", 1},
		{"number by default", "", "", "42\n", "plain number", 1},
		{"boolean, unknown extension", "", "input.txt", "true\n", "plain boolean", 1},
		{"scalar in a later document", "", "", "a: 1\n---\nhello\n", "plain string", 3},
		{"mapping", "", "", "a: 1\n", "", 0},
		{"list", "", "", "- 1\n", "", 0},
		{"list of scalars", "", "", "- a\n- 2\n", "", 0},
		{"scalar after a list of scalars", "", "", "- a\n---\nb\n", "plain string", 3},
		{"empty", "", "", "", "", 0},
		{"--parser yaml", "yaml", "", "42\n", "", 0},
		{"--parser hcl2", "hcl2", "", tf, "", 0},
		{"--stdin-filename x.yaml", "", "x.yaml", "hello\n", "", 0},
		{"--stdin-filename main.tf", "", "main.tf", tf, "", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := collect(t, t.TempDir(), []string{"-"}, Options{
				Parser: tt.parser, StdinName: tt.stdinName, Stdin: strings.NewReader(tt.src),
			})
			if err != nil {
				t.Fatal(err)
			}
			if len(res.Files) != 1 {
				t.Fatalf("%d files, want 1", len(res.Files))
			}
			f := res.Files[0]
			_, err = f.Parser.Parse(f.Name, f.Content)
			switch {
			case tt.wantErr == "" && err != nil:
				t.Fatalf("Parse: %v", err)
			case tt.wantErr != "":
				var pe *parsers.ParseError
				if !errors.As(err, &pe) {
					t.Fatalf("Parse: %v, want a *parsers.ParseError", err)
				}
				for _, want := range []string{tt.wantErr, "--parser", "--stdin-filename"} {
					if !strings.Contains(pe.Msg, want) {
						t.Errorf("message %q does not say %q", pe.Msg, want)
					}
				}
				if pe.Line != tt.wantLine {
					t.Errorf("line %d, want %d", pe.Line, tt.wantLine)
				}
			}
			// The streaming parse (large inputs) says the same.
			if s, ok := f.Parser.(parsers.Streamer); ok {
				serr := s.ParseEach(f.Name, f.Content, func(parsers.Document) error { return nil })
				if (serr == nil) != (err == nil) {
					t.Errorf("ParseEach: %v, Parse: %v", serr, err)
				}
			}
		})
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

// --parser forces the format of named files and of the found files some
// format claims; a walk passes over the rest (a README, a binary), as
// conftest's does.
func TestForcedParserWalk(t *testing.T) {
	dir := t.TempDir()
	tree(t, dir, map[string]string{
		"d/a.yaml":     "a: 1\n",
		"d/m.tf":       "x = 1\n",
		"d/Dockerfile": "FROM x\n",
		"d/README.md":  "# T\n",
		"d/blob.bin":   "\x00\x01",
		"d/noext":      "a=1\n",
		"d/c.toml":     "a: 1\n",
	})
	for _, tc := range []struct {
		paths []string
		want  []string
	}{
		{[]string{"d"}, []string{"d/Dockerfile yaml", "d/a.yaml yaml", "d/c.toml yaml", "d/m.tf yaml"}},
		{[]string{"d/README.md", "d/noext"}, []string{"d/README.md yaml", "d/noext yaml"}},
	} {
		res, err := collect(t, dir, tc.paths, Options{Parser: "yaml"})
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, f := range res.Files {
			got = append(got, filepath.ToSlash(f.Name)+" "+string(f.Format))
		}
		slices.Sort(got)
		if !slices.Equal(got, tc.want) {
			t.Errorf("%q with --parser yaml: %q, want %q", tc.paths, got, tc.want)
		}
	}
}

// A directory the walk cannot read is an Unreadable skip (which blocks);
// a link to a directory named on its own is a skip that says why nothing
// came of it.
func TestUnreadableAndLinkedDirectories(t *testing.T) {
	dir := t.TempDir()
	tree(t, dir, map[string]string{"sub/a.yaml": "a: 1\n"})
	if err := os.Symlink("sub", filepath.Join(dir, "dirlink.tf")); err != nil {
		t.Fatal(err)
	}
	res, err := collect(t, dir, []string{"dirlink.tf"}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Files) != 0 || len(res.Skipped) != 1 || !strings.Contains(res.Skipped[0].Reason, "link to a directory") || res.Skipped[0].Unreadable {
		t.Errorf("named directory link: files %v, skipped %+v; want one skip saying it is a link to a directory", res.Files, res.Skipped)
	}
	// Found in a walk, a directory link is passed over in silence (its
	// target is walked where it is).
	res, err = collect(t, dir, []string{"."}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Files) != 1 || len(res.Skipped) != 0 {
		t.Errorf("walk: files %v, skipped %+v; want sub/a.yaml and no skip", res.Files, res.Skipped)
	}

	c := collector{opts: Options{Dir: dir}, seen: map[string]bool{}, res: &Result{}}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var sub fs.DirEntry
	for _, e := range entries {
		if e.Name() == "sub" {
			sub = e
		}
	}
	denied := &fs.PathError{Op: "open", Path: filepath.Join(dir, "sub"), Err: fs.ErrPermission}
	if got := c.walkError(filepath.Join(dir, "sub"), sub, denied); got != filepath.SkipDir {
		t.Errorf("walkError on a directory = %v, want SkipDir", got)
	}
	if len(c.res.Skipped) != 1 || !c.res.Skipped[0].Unreadable || c.res.Skipped[0].Reason != "cannot read the directory: permission denied" {
		t.Errorf("unreadable directory: %+v, want an Unreadable skip without the path repeated", c.res.Skipped)
	}
}
