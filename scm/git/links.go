package git

import (
	"context"
	"io/fs"
	"path/filepath"
	"sort"
	"strings"
)

// Links lists the symbolic links of revision rev (of the index when rev is
// empty: what the working tree tracks), slash-separated and relative to
// the top level, sorted.
func (r *Repo) Links(ctx context.Context, rev string) ([]string, error) {
	args := []string{"ls-files", "-s", "-z", "--full-name"}
	if rev != "" {
		commit, err := r.resolve(ctx, rev)
		if err != nil {
			return nil, err
		}
		args = []string{"ls-tree", "-r", "-z", "--full-tree", commit}
	}
	out, err := r.output(ctx, nil, args...)
	if err != nil {
		return nil, err
	}
	var links []string
	for _, rec := range strings.Split(string(out), "\x00") {
		// "<mode> <type or object> <object or stage>\t<path>"
		meta, p, ok := strings.Cut(rec, "\t")
		if ok && strings.HasPrefix(meta, "120000 ") && p != "" {
			links = append(links, p)
		}
	}
	return links, nil
}

// LinkedChanges returns a change for each link (top-level-relative, as
// Links gives them) that keep accepts, that the changes do not list and
// whose target, resolved in the working tree at root and inside it, is a
// file the changes add or modify: main.tf -> payload.txt is evaluated as
// main.tf, so a change to payload.txt changes main.tf. The link's change
// carries the target's lines (same content, same lines) and is sorted by
// path.
func LinkedChanges(root string, links []string, changes []Change, keep func(path string) bool) []Change {
	byPath := map[string]Change{}
	for _, c := range changes {
		byPath[c.Path] = c
	}
	top, err := filepath.EvalSymlinks(root)
	if err != nil {
		return nil
	}
	var out []Change
	for _, l := range links {
		if _, listed := byPath[l]; listed || !keep(l) {
			continue
		}
		target, err := filepath.EvalSymlinks(filepath.Join(top, filepath.FromSlash(l)))
		if err != nil {
			continue // broken, a loop: not evaluated either
		}
		rel, err := filepath.Rel(top, target)
		if err != nil || !Within(rel) {
			continue // out of the tree: never followed
		}
		c, ok := byPath[filepath.ToSlash(rel)]
		if !ok || c.Status == StatusDeleted {
			continue
		}
		out = append(out, Change{Path: l, Status: StatusModified, Lines: c.Lines, RemovedAfter: c.RemovedAfter, Binary: c.Binary})
	}
	return out
}

// WalkLinks lists the symbolic links under root as they are on disk,
// slash-separated and relative to root, sorted, without entering .git
// directories or following links. It stands in for Links where git has
// no clone to ask (the working tree is still checked out).
func WalkLinks(root string) ([]string, error) {
	var links []string
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && d.Name() == ".git" && p != root {
			return filepath.SkipDir
		}
		if d.Type()&fs.ModeSymlink == 0 {
			return nil
		}
		rel, err := filepath.Rel(root, p)
		if err != nil {
			return err
		}
		links = append(links, filepath.ToSlash(rel))
		return nil
	})
	if err != nil {
		return nil, err
	}
	sort.Strings(links)
	return links, nil
}
