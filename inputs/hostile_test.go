package inputs

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/infragate/infragate/parsers"
)

// Tests for what a change can put in a repository to trick or hang the file
// discovery: links out of the repository, link loops, pipes and devices.

// tree creates files (content), directories (trailing "/") and symbolic
// links ("-> target") under dir.
func tree(t *testing.T, dir string, entries map[string]string) {
	t.Helper()
	for name, v := range entries {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		var err error
		switch {
		case strings.HasSuffix(name, "/"):
			err = os.MkdirAll(p, 0o755)
		case strings.HasPrefix(v, "-> "):
			err = os.Symlink(strings.TrimPrefix(v, "-> "), p)
		default:
			err = os.WriteFile(p, []byte(v), 0o644)
		}
		if err != nil {
			t.Fatal(err)
		}
	}
}

// collect runs Collect from dir (as the working directory) and fails the
// test if it does not return within a minute: nothing may block on a pipe.
func collect(t *testing.T, dir string, paths []string, opts Options) (*Result, error) {
	t.Helper()
	t.Chdir(dir)
	opts.Registry = parsers.Default()
	opts.Dir = dir
	type out struct {
		res *Result
		err error
	}
	done := make(chan out, 1)
	go func() {
		res, err := Collect(paths, opts)
		done <- out{res, err}
	}()
	select {
	case o := <-done:
		return o.res, o.err
	case <-time.After(time.Minute):
		t.Fatal("Collect did not return: blocked on a special file?")
		return nil, nil
	}
}

func names(res *Result) []string {
	var out []string
	for _, f := range res.Files {
		out = append(out, f.Name)
	}
	return out
}

func skipped(res *Result) map[string]string {
	out := map[string]string{}
	for _, s := range res.Skipped {
		out[s.Name] = s.Reason
	}
	return out
}

// realTemp is a temporary directory without symbolic links in its path.
func realTemp(t *testing.T) string {
	t.Helper()
	d, err := filepath.EvalSymlinks(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func TestWalkDoesNotLeaveTheTree(t *testing.T) {
	outside := realTemp(t)
	tree(t, outside, map[string]string{"secret.yaml": "token: s3cr3t\n", "dir/other.tf": "a = 1\n"})
	repo := realTemp(t)
	tree(t, repo, map[string]string{
		"main.tf":           "a = 1\n",
		"linked.tf":         "-> main.tf",
		"mods/inner.yaml":   "b: 2\n",
		"mods/up.yaml":      "-> ../main.tf",
		"escape.yaml":       "-> " + filepath.Join(outside, "secret.yaml"),
		"escape-rel.yaml":   "-> ../" + filepath.Base(outside) + "/secret.yaml",
		"loop-a.yaml":       "-> loop-b.yaml",
		"loop-b.yaml":       "-> loop-a.yaml",
		"self.yaml":         "-> self.yaml",
		"dangling.json":     "-> nowhere.json",
		"dirloop":           "-> .",
		"mods/parent":       "-> ..",
		"outdir":            "-> " + filepath.Join(outside, "dir"),
		"with space/ü ☃.tf": "c = 3\n",
		"empty.yaml":        "",
	})
	res, err := collect(t, repo, []string{"."}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	wantFiles := []string{"empty.yaml", "linked.tf", "main.tf", "mods/inner.yaml", "mods/up.yaml", "with space/ü ☃.tf"}
	if got := names(res); !slices.Equal(got, wantFiles) {
		t.Errorf("files %q, want %q", got, wantFiles)
	}
	sk := skipped(res)
	for name, reason := range map[string]string{
		"escape.yaml":     "outside",
		"escape-rel.yaml": "outside",
		"loop-a.yaml":     "looping",
		"loop-b.yaml":     "looping",
		"self.yaml":       "looping",
		"dangling.json":   "broken",
		"outdir":          "outside",
	} {
		if !strings.Contains(sk[name], reason) {
			t.Errorf("%s: skipped reason %q, want it to say %q", name, sk[name], reason)
		}
	}
	if len(sk) != 7 {
		t.Errorf("skipped %v, want the 7 links above (links to directories inside are passed over)", sk)
	}
}

// TestNamedLinksOutsideAreNotFollowed: file lists from git or a CI system
// (--files-from, --base) name what a change adds, links included. A link
// out of the working directory, named or as a parent directory, is
// reported and not read; a looping link is reported, not a failure of the
// run.
func TestNamedLinksOutsideAreNotFollowed(t *testing.T) {
	outside := realTemp(t)
	tree(t, outside, map[string]string{"secret.json": `{"token": "s3cr3t"}`, "dir/creds.yaml": "k: v\n"})
	repo := realTemp(t)
	tree(t, repo, map[string]string{
		"ok.json":          `{"a": 1}`,
		"evil.json":        "-> " + filepath.Join(outside, "secret.json"),
		"via":              "-> " + filepath.Join(outside, "dir"),
		"loop.yaml":        "-> loop.yaml",
		"mods/main.tf":     "a = 1\n",
		"mods/vars.tf":     "b = 2\n",
		"mods/README.md":   "# not evaluated\n",
		"inside-link.tf":   "-> mods/main.tf",
		"outdirlink":       "-> " + outside,
		"mods/deeper/x.tf": "c = 3\n",
	})
	list := []string{"ok.json", "evil.json", "via/creds.yaml", "loop.yaml", "mods", "inside-link.tf", "outdirlink"}
	res, err := collect(t, repo, list, Options{SkipUnknown: true})
	if err != nil {
		t.Fatal(err)
	}
	wantFiles := []string{"inside-link.tf", "mods/deeper/x.tf", "mods/main.tf", "mods/vars.tf", "ok.json"}
	if got := names(res); !slices.Equal(got, wantFiles) {
		t.Errorf("files %q, want %q", got, wantFiles)
	}
	sk := skipped(res)
	for name, reason := range map[string]string{
		"evil.json":      "outside the working directory",
		"via/creds.yaml": "outside the working directory",
		"outdirlink":     "outside the working directory",
		"loop.yaml":      "looping",
	} {
		if !strings.Contains(sk[name], reason) {
			t.Errorf("%s: skipped reason %q, want it to say %q", name, sk[name], reason)
		}
	}
	if len(sk) != 4 {
		t.Errorf("skipped %v, want 4", sk)
	}

	// A path the user names outside the working directory is read as named.
	res, err = collect(t, repo, []string{filepath.Join(outside, "secret.json")}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Files) != 1 || len(res.Skipped) != 0 {
		t.Errorf("explicit outside file: files %q, skipped %v", names(res), skipped(res))
	}
}

// TestSpecialFilesAreNotOpened: a named pipe in a walked directory, or a
// link to one, would block the reader forever; they are reported and never
// opened. The test fails by timing out in collect, or through the engine
// opening the pipe later if it were listed as a file.
func TestSpecialFilesAreNotOpened(t *testing.T) {
	repo := realTemp(t)
	tree(t, repo, map[string]string{"a.yaml": "a: 1\n", "pipe-link.yaml": "-> pipe.yaml"})
	if err := syscall.Mkfifo(filepath.Join(repo, "pipe.yaml"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Mkfifo(filepath.Join(repo, "pipe.txt"), 0o644); err != nil {
		t.Fatal(err)
	}
	res, err := collect(t, repo, nil, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if got := names(res); !slices.Equal(got, []string{"a.yaml"}) {
		t.Errorf("files %q, want only a.yaml", got)
	}
	want := map[string]string{
		"pipe.yaml":      "not a regular file (named pipe); not read",
		"pipe-link.yaml": "not a regular file (named pipe); not read",
	}
	if got := skipped(res); len(got) != len(want) || got["pipe.yaml"] != want["pipe.yaml"] || got["pipe-link.yaml"] != want["pipe-link.yaml"] {
		t.Errorf("skipped %v, want %v (pipe.txt has no evaluated format and is passed over)", got, want)
	}
}

// TestSkippedOnce: a link found by a walk and named in a file list is
// reported once.
func TestSkippedOnce(t *testing.T) {
	outside := realTemp(t)
	tree(t, outside, map[string]string{"secret.json": `{}`})
	repo := realTemp(t)
	tree(t, repo, map[string]string{"evil.json": "-> " + filepath.Join(outside, "secret.json")})
	res, err := collect(t, repo, []string{".", "evil.json"}, Options{SkipUnknown: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Files) != 0 || len(res.Skipped) != 1 {
		t.Fatalf("files %q, skipped %+v; want evil.json skipped once", names(res), res.Skipped)
	}
}

// TestWalkFollowsLinksWithinTheWorkingDirectory: a link from the walked
// directory to elsewhere in the working directory is what a tool run in
// the walked directory reads, so it is evaluated (under the link's name);
// a walk of a directory outside the working directory keeps to that
// directory.
func TestWalkFollowsLinksWithinTheWorkingDirectory(t *testing.T) {
	repo := realTemp(t)
	tree(t, repo, map[string]string{
		"other/bad.tf": "a = 1\n",
		"infra/x.tf":   "-> ../other/bad.tf",
	})
	res, err := collect(t, repo, []string{"infra"}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if got := names(res); !slices.Equal(got, []string{"infra/x.tf"}) || len(res.Skipped) != 0 {
		t.Fatalf("files %q, skipped %v; want infra/x.tf evaluated", got, skipped(res))
	}

	elsewhere := realTemp(t)
	tree(t, elsewhere, map[string]string{"a/ok.tf": "a = 1\n", "b/bad.tf": "b = 1\n", "a/link.tf": "-> ../b/bad.tf"})
	res, err = collect(t, repo, []string{filepath.Join(elsewhere, "a")}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Files) != 1 || len(res.Skipped) != 1 || !strings.Contains(res.Skipped[0].Reason, "points outside "+filepath.ToSlash(filepath.Join(elsewhere, "a"))) {
		t.Fatalf("files %q, skipped %v; want link.tf skipped as outside the walked directory", names(res), skipped(res))
	}
}

// TestListedPipeIsNotOpened: a pipe named in a file list (--files-from,
// --base) is reported, not read; named on the command line it is read, as
// with process substitution.
func TestListedPipeIsNotOpened(t *testing.T) {
	repo := realTemp(t)
	if err := syscall.Mkfifo(filepath.Join(repo, "pipe.yaml"), 0o644); err != nil {
		t.Fatal(err)
	}
	res, err := collect(t, repo, []string{"pipe.yaml"}, Options{SkipUnknown: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Files) != 0 || skipped(res)["pipe.yaml"] != "not a regular file (named pipe); not read" {
		t.Fatalf("files %q, skipped %v", names(res), skipped(res))
	}
	res, err = collect(t, repo, []string{"pipe.yaml"}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if got := names(res); !slices.Equal(got, []string{"pipe.yaml"}) {
		t.Fatalf("named on the command line: files %q, want the pipe", got)
	}
}
