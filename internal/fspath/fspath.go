// Package fspath holds what the packages that read files from a bounded
// tree (a repository, a chart) ask of paths.
package fspath

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// Within reports whether target is root or inside it, lexically: links
// are the caller's to resolve first.
func Within(root, target string) bool {
	rel, err := filepath.Rel(root, target)
	return err == nil && filepath.IsLocal(rel)
}

// GitRoot is the nearest directory at or above dir that holds .git (a
// repository's top level, or a worktree's); false when there is none.
func GitRoot(dir string) (string, bool) {
	for d := dir; ; d = filepath.Dir(d) {
		if _, err := os.Lstat(filepath.Join(d, ".git")); err == nil {
			return d, true
		}
		if filepath.Dir(d) == d {
			return "", false
		}
	}
}

// InGit reports whether a path has .git among its parts: git's own
// files, which are no infrastructure and can hold a checkout's token.
func InGit(p string) bool {
	return slices.Contains(strings.Split(filepath.ToSlash(p), "/"), ".git")
}
