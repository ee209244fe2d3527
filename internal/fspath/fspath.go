// Package fspath holds what the packages that read files from a bounded
// tree (a repository, a chart) ask of paths.
package fspath

import "path/filepath"

// Within reports whether target is root or inside it, lexically: links
// are the caller's to resolve first.
func Within(root, target string) bool {
	rel, err := filepath.Rel(root, target)
	return err == nil && filepath.IsLocal(rel)
}
