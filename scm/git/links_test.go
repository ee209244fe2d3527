package git

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestLinkedChanges(t *testing.T) {
	isolate(t)
	dir := t.TempDir()
	outside := t.TempDir()
	run(t, dir, "init", "-q", "-b", "main")
	write(t, dir, "payload.txt", "a\nb\n")
	write(t, dir, "other.txt", "x\n")
	write(t, outside, "secret.txt", "s\n")
	for link, target := range map[string]string{
		"main.tf":      "payload.txt",
		"sub/chain.tf": "../main.tf",                         // a link to a link to payload.txt
		"notes.md":     "payload.txt",                        // kept out by the filter
		"other.tf":     "other.txt",                          // its target does not change
		"broken.tf":    "missing.txt",                        // broken
		"out.tf":       filepath.Join(outside, "secret.txt"), // out of the tree
		"listed.tf":    "payload.txt",                        // the change lists it already
	} {
		p := filepath.Join(dir, filepath.FromSlash(link))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.Symlink(target, p); err != nil {
			t.Fatal(err)
		}
	}
	run(t, dir, "add", "-A")
	run(t, dir, "commit", "-q", "-m", "base")
	ctx := context.Background()
	repo, err := Open(ctx, dir)
	if err != nil {
		t.Fatal(err)
	}
	head, err := repo.Links(ctx, "HEAD")
	if err != nil {
		t.Fatal(err)
	}
	index, err := repo.Links(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"broken.tf", "listed.tf", "main.tf", "notes.md", "other.tf", "out.tf", "sub/chain.tf"}
	if d := cmp.Diff(want, head); d != "" {
		t.Errorf("Links(HEAD) (-want +got):\n%s", d)
	}
	if d := cmp.Diff(want, index); d != "" {
		t.Errorf("Links(index) (-want +got):\n%s", d)
	}
	changes := []Change{
		{Path: "listed.tf", Status: StatusModified},
		{Path: "payload.txt", Status: StatusModified, Lines: []LineRange{{2, 2}}, RemovedAfter: []int{2}},
	}
	got := LinkedChanges(dir, head, changes, func(p string) bool { return strings.HasSuffix(p, ".tf") })
	wantChanges := []Change{
		{Path: "main.tf", Status: StatusModified, Lines: []LineRange{{2, 2}}, RemovedAfter: []int{2}},
		{Path: "sub/chain.tf", Status: StatusModified, Lines: []LineRange{{2, 2}}, RemovedAfter: []int{2}},
	}
	if d := cmp.Diff(wantChanges, got); d != "" {
		t.Errorf("LinkedChanges (-want +got):\n%s", d)
	}
	// A deleted target changes no link.
	if got := LinkedChanges(dir, head, []Change{{Path: "payload.txt", Status: StatusDeleted}}, func(string) bool { return true }); len(got) != 0 {
		t.Errorf("links to a deleted file: %+v", got)
	}
}

// TestWalkLinks lists the links on disk as Links lists those of the index,
// without entering .git or following a link to a directory.
func TestWalkLinks(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "payload.txt", "a\n")
	write(t, dir, "mods/m.tf", "x\n")
	for link, target := range map[string]string{
		"main.tf":        "payload.txt",
		"sub/chain.tf":   "../main.tf",
		"broken.tf":      "missing.txt",
		"modlink":        "mods", // a directory: listed, not entered
		".git/hooks/x":   "../../payload.txt",
		"deep/.git/y.tf": "../../payload.txt",
	} {
		p := filepath.Join(dir, filepath.FromSlash(link))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.Symlink(target, p); err != nil {
			t.Fatal(err)
		}
	}
	got, err := WalkLinks(dir)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"broken.tf", "main.tf", "modlink", "sub/chain.tf"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("WalkLinks (-want +got):\n%s", diff)
	}
}
