package fspath

import (
	"os"
	"path/filepath"
	"testing"
)

func TestGitRoot(t *testing.T) {
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "repo", ".git"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Join(dir, "repo", "a", "b"), 0o755); err != nil {
		t.Fatal(err)
	}
	for _, d := range []string{"repo", "repo/a/b"} {
		if got, ok := GitRoot(filepath.Join(dir, d)); !ok || got != filepath.Join(dir, "repo") {
			t.Errorf("GitRoot(%s) = %q, %v; want the repo", d, got, ok)
		}
	}
	if got, ok := GitRoot(dir); ok && got == filepath.Join(dir, "repo") {
		t.Errorf("GitRoot above the repository = %q", got)
	}
}

func TestInGit(t *testing.T) {
	for p, want := range map[string]bool{
		".git/config": true, "a/.git/HEAD": true, "/r/.git": true,
		"a/.github/x": false, "a/x.git": false, ".gitignore": false,
	} {
		if got := InGit(p); got != want {
			t.Errorf("InGit(%q) = %v, want %v", p, got, want)
		}
	}
}
