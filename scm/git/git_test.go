package git

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// isolate makes git ignore the machine's configuration and gives commits
// an author, so tests run the same on a fresh machine.
func isolate(t testing.TB) {
	t.Helper()
	for k, v := range map[string]string{
		"GIT_CONFIG_GLOBAL":       os.DevNull,
		"GIT_CONFIG_NOSYSTEM":     "1",
		"GIT_AUTHOR_NAME":         "Test Author",
		"GIT_AUTHOR_EMAIL":        "author@example.com",
		"GIT_COMMITTER_NAME":      "Test Committer",
		"GIT_COMMITTER_EMAIL":     "committer@example.com",
		"GIT_CEILING_DIRECTORIES": filepath.Dir(t.TempDir()),
	} {
		t.Setenv(k, v)
	}
}

// run runs git in dir and fails the test on error.
func run(t testing.TB, dir string, args ...string) string {
	t.Helper()
	cmd := exec.Command("git", args...)
	cmd.Dir = dir
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return string(out)
}

func write(t testing.TB, dir, name, content string) {
	t.Helper()
	p := filepath.Join(dir, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

// numbered returns n distinct lines "<prefix> line 1" ... "<prefix> line n".
func numbered(prefix string, n int) []string {
	var out []string
	for i := 1; i <= n; i++ {
		out = append(out, prefix+" line "+strconv.Itoa(i)+" = \"some value\"")
	}
	return out
}

func text(lines []string) string { return strings.Join(lines, "\n") + "\n" }

const weirdName = "weird\nname \"q\".tf"

// scenario builds a repository with a main branch and a feature branch
// that covers every kind of change, and returns its directory. The working
// tree is on feature with staged, unstaged and untracked changes.
func scenario(t testing.TB) string {
	t.Helper()
	isolate(t)
	dir := t.TempDir()
	run(t, dir, "init", "-q", "-b", "main")
	write(t, dir, ".gitignore", "ignored.tf\n")
	write(t, dir, "mod.tf", text(numbered("m", 10)))
	write(t, dir, "ren same.tf", text(numbered("s", 10)))
	write(t, dir, "ren edit.tf", text(numbered("e", 20)))
	write(t, dir, "del.tf", text(numbered("d", 4)))
	write(t, dir, "staged.tf", text(numbered("st", 5)))
	write(t, dir, "unstaged.tf", text(numbered("un", 5)))
	write(t, dir, "unchanged.tf", text(numbered("u", 5)))
	write(t, dir, "dir/ünï cødé.yaml", text(numbered("y", 3)))
	write(t, dir, "mv src.tf", text(numbered("mv", 10)))
	write(t, dir, "rm wt.tf", text(numbered("rm", 3)))
	write(t, dir, "bin.dat", "\x00\x01\x02binary")
	run(t, dir, "add", ".")
	run(t, dir, "commit", "-q", "-m", "base")

	run(t, dir, "checkout", "-q", "-b", "feature")
	// mod.tf: replace lines 2-3, insert after line 7, delete the last line.
	m := numbered("m", 10)
	mod := append([]string{m[0], "X2", "X3"}, m[3:7]...)
	mod = append(mod, "inserted")
	mod = append(mod, m[7:9]...)
	write(t, dir, "mod.tf", text(mod))
	if err := os.Mkdir(filepath.Join(dir, "renamed dir"), 0o755); err != nil {
		t.Fatal(err)
	}
	run(t, dir, "mv", "ren same.tf", "renamed dir/same.tf")
	e := numbered("e", 20)
	e[4] = "edited line five"
	if err := os.Remove(filepath.Join(dir, "ren edit.tf")); err != nil {
		t.Fatal(err)
	}
	write(t, dir, "ren edited.tf", text(e))
	run(t, dir, "rm", "-q", "del.tf")
	write(t, dir, "new.tf", text(numbered("n", 3)))
	write(t, dir, weirdName, "w1\nw2\n")
	y := numbered("y", 3)
	y[0] = "changed ÿ"
	write(t, dir, "dir/ünï cødé.yaml", text(y))
	write(t, dir, "bin.dat", "\x00\x01\x03binary changed")
	run(t, dir, "add", "-A")
	run(t, dir, "commit", "-q", "-m", "feature work")

	// main moves on after the branch point; none of it may show up.
	run(t, dir, "checkout", "-q", "main")
	write(t, dir, "main-only.tf", "x\n")
	write(t, dir, "unchanged.tf", text(numbered("u2", 5)))
	run(t, dir, "add", "-A")
	run(t, dir, "commit", "-q", "-m", "main work")
	run(t, dir, "checkout", "-q", "feature")

	// Working tree: staged, unstaged, untracked, ignored, moved and removed.
	st := numbered("st", 5)
	st[1] = "staged change"
	write(t, dir, "staged.tf", text(st))
	write(t, dir, "staged new.tf", "a\nb\n")
	run(t, dir, "add", "staged.tf", "staged new.tf")
	un := numbered("un", 5)
	un[2] = "unstaged change"
	write(t, dir, "unstaged.tf", text(un))
	write(t, dir, "untracked file.tf", "1\n2\n3\n")
	write(t, dir, "ignored.tf", "ignored\n")
	if err := os.Rename(filepath.Join(dir, "mv src.tf"), filepath.Join(dir, "mv dst.tf")); err != nil {
		t.Fatal(err)
	}
	if err := os.Remove(filepath.Join(dir, "rm wt.tf")); err != nil {
		t.Fatal(err)
	}
	return dir
}

// committed are the changes the feature branch commits.
var committed = []Change{
	// Diffs are text diffs (--text): binary content gets lines too.
	{Path: "bin.dat", Status: StatusModified, Lines: []LineRange{{1, 1}}},
	{Path: "del.tf", Status: StatusDeleted},
	{Path: "dir/ünï cødé.yaml", Status: StatusModified, Lines: []LineRange{{1, 1}}},
	{Path: "mod.tf", Status: StatusModified, Lines: []LineRange{{2, 3}, {8, 8}}, RemovedAfter: []int{10}},
	{Path: "new.tf", Status: StatusAdded, Lines: []LineRange{{1, 3}}},
	{Path: "ren edited.tf", OldPath: "ren edit.tf", Status: StatusRenamed, Lines: []LineRange{{5, 5}}},
	{Path: "renamed dir/same.tf", OldPath: "ren same.tf", Status: StatusRenamed},
	{Path: weirdName, Status: StatusAdded, Lines: []LineRange{{1, 2}}},
}

func TestChanges(t *testing.T) {
	dir := scenario(t)
	ctx := context.Background()
	repo, err := Open(ctx, filepath.Join(dir, "dir"))
	if err != nil {
		t.Fatal(err)
	}
	got, err := repo.Changes(ctx, "main")
	if err != nil {
		t.Fatal(err)
	}
	want := append([]Change{
		{Path: "mv dst.tf", OldPath: "mv src.tf", Status: StatusRenamed},
		{Path: "rm wt.tf", Status: StatusDeleted},
		{Path: "staged new.tf", Status: StatusAdded, Lines: []LineRange{{1, 2}}},
		{Path: "staged.tf", Status: StatusModified, Lines: []LineRange{{2, 2}}},
		{Path: "unstaged.tf", Status: StatusModified, Lines: []LineRange{{3, 3}}},
		{Path: "untracked file.tf", Status: StatusAdded, Lines: []LineRange{{1, 3}}},
	}, committed...)
	sortChanges(want)
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Changes(main) mismatch (-want +got):\n%s", diff)
	}

	// The repository's own index is untouched: untracked files stay
	// untracked and nothing new is staged.
	status := run(t, dir, "status", "--porcelain", "-z", "--untracked-files=all")
	for _, entry := range []string{"?? untracked file.tf", "?? mv dst.tf", " D rm wt.tf", " M unstaged.tf"} {
		if !strings.Contains(status, entry+"\x00") {
			t.Errorf("git status lost %q after Changes: %q", entry, status)
		}
	}
}

func sortChanges(cs []Change) {
	for i := 1; i < len(cs); i++ {
		for j := i; j > 0 && cs[j].Path < cs[j-1].Path; j-- {
			cs[j], cs[j-1] = cs[j-1], cs[j]
		}
	}
}

func TestChangesBetween(t *testing.T) {
	dir := scenario(t)
	ctx := context.Background()
	repo, err := Open(ctx, dir)
	if err != nil {
		t.Fatal(err)
	}
	got, err := repo.ChangesBetween(ctx, "main", "feature")
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(committed, got); diff != "" {
		t.Errorf("ChangesBetween(main, feature) mismatch (-want +got):\n%s", diff)
	}
	// Nothing changes between a commit and itself.
	same, err := repo.ChangesBetween(ctx, "main", "main")
	if err != nil {
		t.Fatal(err)
	}
	if len(same) != 0 {
		t.Errorf("ChangesBetween(main, main) = %v, want none", same)
	}
}

// TestGitattributesCannotHideLines checks that a change cannot hide its
// changed lines behind a .gitattributes it adds: `-diff` or `binary` make
// git print "Binary files differ" and no hunk, and a diff driver's
// textconv would diff a converted text.
func TestGitattributesCannotHideLines(t *testing.T) {
	isolate(t)
	dir := t.TempDir()
	run(t, dir, "init", "-q", "-b", "main")
	run(t, dir, "config", "diff.hide.textconv", "sh -c 'echo same'")
	write(t, dir, "a.tf", text(numbered("a", 5)))
	write(t, dir, "b.yaml", text(numbered("b", 5)))
	write(t, dir, "c.json", text(numbered("c", 5)))
	run(t, dir, "add", ".")
	run(t, dir, "commit", "-q", "-m", "base")
	run(t, dir, "checkout", "-q", "-b", "f")
	write(t, dir, ".gitattributes", "*.tf -diff\n*.yaml binary\n*.json diff=hide\n")
	for _, name := range []string{"a.tf", "b.yaml", "c.json"} {
		lines := numbered(name[:1], 5)
		lines[2] = "changed"
		write(t, dir, name, text(lines))
	}
	run(t, dir, "add", ".")
	run(t, dir, "commit", "-q", "-m", "hide")
	want := []Change{
		{Path: ".gitattributes", Status: StatusAdded, Lines: []LineRange{{1, 3}}},
		{Path: "a.tf", Status: StatusModified, Lines: []LineRange{{3, 3}}},
		{Path: "b.yaml", Status: StatusModified, Lines: []LineRange{{3, 3}}},
		{Path: "c.json", Status: StatusModified, Lines: []LineRange{{3, 3}}},
	}
	ctx := context.Background()
	repo, err := Open(ctx, dir)
	if err != nil {
		t.Fatal(err)
	}
	got, err := repo.ChangesBetween(ctx, "main", "f")
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("ChangesBetween (-want +got):\n%s", diff)
	}
	got, err = repo.Changes(ctx, "main")
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Changes (-want +got):\n%s", diff)
	}
}

func TestChangesClean(t *testing.T) {
	isolate(t)
	dir := t.TempDir()
	run(t, dir, "init", "-q", "-b", "main")
	write(t, dir, "a.tf", "a\n")
	run(t, dir, "add", ".")
	run(t, dir, "commit", "-q", "-m", "one")
	repo, err := Open(context.Background(), dir)
	if err != nil {
		t.Fatal(err)
	}
	got, err := repo.Changes(context.Background(), "HEAD")
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 0 {
		t.Errorf("Changes on a clean tree = %v, want none", got)
	}
	// A deletion at the top and an empty new file.
	write(t, dir, "a.tf", "")
	write(t, dir, "empty.tf", "")
	got, err = repo.Changes(context.Background(), "HEAD")
	if err != nil {
		t.Fatal(err)
	}
	want := []Change{
		{Path: "a.tf", Status: StatusModified, RemovedAfter: []int{0}},
		{Path: "empty.tf", Status: StatusAdded},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("mismatch (-want +got):\n%s", diff)
	}
}

func TestErrors(t *testing.T) {
	dir := scenario(t)
	ctx := context.Background()
	repo, err := Open(ctx, dir)
	if err != nil {
		t.Fatal(err)
	}

	// An orphan branch shares no history with main.
	orphan := t.TempDir()
	run(t, dir, "worktree", "add", "-q", "--detach", orphan)
	run(t, orphan, "checkout", "-q", "--orphan", "lonely")
	write(t, orphan, "x.tf", "x\n")
	run(t, orphan, "add", "x.tf")
	run(t, orphan, "commit", "-q", "-m", "unrelated")

	emptyDir := t.TempDir()
	run(t, emptyDir, "init", "-q")
	empty, err := Open(ctx, emptyDir)
	if err != nil {
		t.Fatal(err)
	}

	tests := []struct {
		name     string
		call     func() error
		want     error
		contains string
	}{
		{"unknown ref", func() error { _, err := repo.MergeBase(ctx, "no-such-branch"); return err },
			ErrUnknownRef, `"no-such-branch" does not name a commit`},
		{"option-like ref", func() error { _, err := repo.Changes(ctx, "--output=/tmp/x"); return err },
			ErrUnknownRef, "is not a revision"},
		{"unknown head", func() error { _, err := repo.ChangesBetween(ctx, "main", "nope"); return err },
			ErrUnknownRef, `"nope"`},
		{"unrelated histories", func() error { _, err := repo.MergeBase(ctx, "lonely"); return err },
			ErrNoMergeBase, "share no history"},
		{"no commits yet", func() error { _, err := empty.Changes(ctx, "HEAD"); return err },
			ErrUnknownRef, "repository empty"},
		{"not a commit", func() error { _, err := repo.MergeBase(ctx, "main^{tree}"); return err },
			ErrUnknownRef, "does not name a commit"},
		{"not a repository", func() error { _, err := Open(ctx, t.TempDir()); return err },
			ErrNotRepo, "not inside a git working tree"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.call()
			if !errors.Is(err, tt.want) {
				t.Fatalf("error = %v, want %v", err, tt.want)
			}
			if !strings.Contains(err.Error(), tt.contains) {
				t.Errorf("error %q does not contain %q", err, tt.contains)
			}
		})
	}
}

func TestShallowClone(t *testing.T) {
	origin := scenario(t)
	ctx := context.Background()
	clone := filepath.Join(t.TempDir(), "clone")
	// What actions/checkout does by default: one commit of the PR branch,
	// then the base branch tip fetched just as shallow.
	run(t, origin, "clone", "-q", "--depth", "1", "--branch", "feature", "file://"+origin, clone)
	repo, err := Open(ctx, clone)
	if err != nil {
		t.Fatal(err)
	}

	_, err = repo.MergeBase(ctx, "origin/main")
	if !errors.Is(err, ErrUnknownRef) || !strings.Contains(err.Error(), "shallow") {
		t.Errorf("MergeBase(origin/main) before fetching main = %v, want ErrUnknownRef mentioning the shallow clone", err)
	}

	run(t, clone, "fetch", "-q", "--depth", "1", "origin", "main:refs/remotes/origin/main")
	for name, call := range map[string]func() error{
		"MergeBase":      func() error { _, err := repo.MergeBase(ctx, "origin/main"); return err },
		"Changes":        func() error { _, err := repo.Changes(ctx, "origin/main"); return err },
		"ChangesBetween": func() error { _, err := repo.ChangesBetween(ctx, "origin/main", "HEAD"); return err },
	} {
		err := call()
		if !errors.Is(err, ErrShallow) {
			t.Errorf("%s: error = %v, want ErrShallow", name, err)
			continue
		}
		for _, hint := range []string{"git fetch --unshallow", "fetch-depth: 0"} {
			if !strings.Contains(err.Error(), hint) {
				t.Errorf("%s: error %q does not tell the user to %s", name, err, hint)
			}
		}
	}

	// With the history fetched, the merge base is found.
	run(t, clone, "fetch", "-q", "--unshallow", "origin")
	if _, err := repo.MergeBase(ctx, "origin/main"); err != nil {
		t.Errorf("MergeBase after --unshallow: %v", err)
	}
}

func TestShowAndFiles(t *testing.T) {
	dir := scenario(t)
	ctx := context.Background()
	repo, err := Open(ctx, dir)
	if err != nil {
		t.Fatal(err)
	}
	got, err := repo.Show(ctx, "main", "dir/ünï cødé.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if want := text(numbered("y", 3)); string(got) != want {
		t.Errorf("Show(main) = %q, want %q", got, want)
	}
	got, err = repo.Show(ctx, "feature", weirdName)
	if err != nil || string(got) != "w1\nw2\n" {
		t.Errorf("Show(feature, weird name) = %q, %v", got, err)
	}
	if _, err := repo.Show(ctx, "main", "new.tf"); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("Show of a file missing at main: error = %v, want fs.ErrNotExist", err)
	}
	if _, err := repo.Show(ctx, "main", "dir"); err == nil || !strings.Contains(err.Error(), "not a file") {
		t.Errorf("Show of a directory: error = %v, want 'not a file'", err)
	}
	if _, err := repo.Show(ctx, "nope", "mod.tf"); !errors.Is(err, ErrUnknownRef) {
		t.Errorf("Show at an unknown revision: error = %v, want ErrUnknownRef", err)
	}
	for _, bad := range []string{"", "../x", "/etc/passwd", "."} {
		if _, err := repo.Show(ctx, "main", bad); err == nil {
			t.Errorf("Show(%q) succeeded, want an error", bad)
		}
	}

	files, err := repo.Files(ctx, "feature", "dir")
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"dir/ünï cødé.yaml"}, files); diff != "" {
		t.Errorf("Files(feature, dir) mismatch (-want +got):\n%s", diff)
	}
	all, err := repo.Files(ctx, "main", "")
	if err != nil {
		t.Fatal(err)
	}
	if len(all) != 13 || all[0] != ".gitignore" {
		t.Errorf("Files(main) = %q, want the 13 files of main", all)
	}
}

func TestRelative(t *testing.T) {
	isolate(t)
	dir := t.TempDir()
	run(t, dir, "init", "-q")
	// Reach the repository through a symbolic link: git reports the real
	// top level, and paths must still come out relative to the link.
	link := filepath.Join(t.TempDir(), "link")
	if err := os.Symlink(dir, link); err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Join(dir, "infra", "prod"), 0o755); err != nil {
		t.Fatal(err)
	}
	repo, err := Open(context.Background(), filepath.Join(link, "infra"))
	if err != nil {
		t.Fatal(err)
	}
	changes := []Change{
		{Path: "infra/prod/main.tf", OldPath: "infra/main.tf", Status: StatusRenamed},
		{Path: "README.md", Status: StatusModified},
	}
	got, err := repo.Relative(filepath.Join(link, "infra"), changes)
	if err != nil {
		t.Fatal(err)
	}
	want := []Change{
		{Path: filepath.Join("prod", "main.tf"), OldPath: "main.tf", Status: StatusRenamed},
		{Path: filepath.Join("..", "README.md"), Status: StatusModified},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Relative mismatch (-want +got):\n%s", diff)
	}
	if !Within(got[0].Path) || Within(got[1].Path) {
		t.Errorf("Within(%q), Within(%q) = %v, %v; want true, false", got[0].Path, got[1].Path, Within(got[0].Path), Within(got[1].Path))
	}
	if changes[1].Path != "README.md" {
		t.Errorf("Relative modified its input")
	}
	rel, err := repo.RelTo(link, "infra/prod/main.tf")
	if err != nil || rel != filepath.Join("infra", "prod", "main.tf") {
		t.Errorf("RelTo = %q, %v", rel, err)
	}
}

// FilesNamed finds tracked and untracked files by base name at any depth,
// never ignored ones, and takes no part of a name as a pattern.
func TestFilesNamed(t *testing.T) {
	isolate(t)
	dir := t.TempDir()
	run(t, dir, "init", "-q", "-b", "main")
	for _, f := range []string{"kustomization.yaml", "a/b/kustomization.yaml", "c d/Kustomization", "kustomization.yaml.bak", "a/xkustomization.yaml", "ignored/kustomization.yaml", "new/kustomization.yml"} {
		write(t, dir, f, "resources: []\n")
	}
	write(t, dir, ".gitignore", "ignored/\n")
	run(t, dir, "add", "kustomization.yaml", "a", "c d", ".gitignore")
	run(t, dir, "commit", "-q", "-m", "one")
	t.Setenv("GIT_LITERAL_PATHSPECS", "1")
	repo, err := Open(context.Background(), filepath.Join(dir, "a"))
	if err != nil {
		t.Fatal(err)
	}
	got, err := repo.FilesNamed(context.Background(), "kustomization.yaml", "kustomization.yml", "Kustomization")
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"a/b/kustomization.yaml", "c d/Kustomization", "kustomization.yaml", "new/kustomization.yml"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("FilesNamed mismatch (-want +got):\n%s", diff)
	}
	if _, err := repo.FilesNamed(context.Background(), "*.yaml"); err == nil {
		t.Error("FilesNamed(\"*.yaml\") succeeded, want an error: names are not patterns")
	}
}

// TestMergeCheckout covers a checkout of refs/pull/N/merge: Parents names
// the base and the head (also in a shallow clone, whose commit object still
// records them), and ChangesFrom the first parent gives the pull request's
// lines in the merge commit's numbering, where the base moved them down.
func TestMergeCheckout(t *testing.T) {
	isolate(t)
	ctx := context.Background()
	dir := t.TempDir()
	run(t, dir, "init", "-q", "-b", "main")
	write(t, dir, "a.yaml", text(numbered("a", 5)))
	run(t, dir, "add", "-A")
	run(t, dir, "commit", "-q", "-m", "base")
	run(t, dir, "checkout", "-q", "-b", "feature")
	changed := numbered("a", 5)
	changed[3] = "changed by the pull request"
	write(t, dir, "a.yaml", text(changed))
	run(t, dir, "commit", "-q", "-am", "head")
	head := strings.TrimSpace(run(t, dir, "rev-parse", "HEAD"))
	run(t, dir, "checkout", "-q", "main")
	write(t, dir, "a.yaml", text(append(numbered("top", 3), numbered("a", 5)...)))
	run(t, dir, "commit", "-q", "-am", "base moves")
	base := strings.TrimSpace(run(t, dir, "rev-parse", "HEAD"))
	run(t, dir, "checkout", "-q", "-b", "merge")
	run(t, dir, "merge", "-q", "--no-edit", "feature")

	repo, err := Open(ctx, dir)
	if err != nil {
		t.Fatal(err)
	}
	id, parents, err := repo.Parents(ctx, "HEAD")
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{base, head}; !slices.Equal(parents, want) || id == head {
		t.Errorf("Parents(HEAD) = %s %v, want a merge commit with parents %v", id, parents, want)
	}
	got, err := repo.ChangesFrom(ctx, parents[0], "HEAD")
	if err != nil {
		t.Fatal(err)
	}
	want := []Change{{Path: "a.yaml", Status: StatusModified, Lines: []LineRange{{7, 7}}}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("ChangesFrom(first parent, HEAD) mismatch (-want +got):\n%s", diff)
	}
	if _, err := repo.ChangesFrom(ctx, "-p", "HEAD"); !errors.Is(err, ErrUnknownRef) {
		t.Errorf("ChangesFrom(-p) = %v, want ErrUnknownRef", err)
	}

	clone := filepath.Join(t.TempDir(), "clone")
	run(t, dir, "clone", "-q", "--depth", "1", "--branch", "merge", "file://"+dir, clone)
	shallow, err := Open(ctx, clone)
	if err != nil {
		t.Fatal(err)
	}
	if _, parents, err := shallow.Parents(ctx, "HEAD"); err != nil || !slices.Equal(parents, []string{base, head}) {
		t.Errorf("Parents(HEAD) in a shallow clone = %v, %v; want %v", parents, err, []string{base, head})
	}
}
