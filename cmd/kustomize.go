package cmd

import (
	"context"
	"io/fs"
	"maps"
	"os"
	"path"
	"path/filepath"
	"slices"
	"sort"
	"strings"

	"github.com/infragate/infragate/inputs"
	"github.com/infragate/infragate/internal/fspath"
	"github.com/infragate/infragate/kustomize"
	"github.com/infragate/infragate/parsers"
	"github.com/infragate/infragate/scm/git"
)

// withKustomize wraps the registry's YAML parser so that kustomization
// files are built (kustomize.Wrap). dir resolves relative names; root
// bounds what a build reads ("" finds the repository of each
// kustomization).
// patches, when not nil, is shared with the look-ups of namedPatches.
func withKustomize(reg parsers.Registry, dir, root string, maxFileSize int64, patches *kustomize.Patches) (parsers.Registry, error) {
	return kustomize.Wrap(reg, kustomize.Options{Dir: dir, Root: root, MaxFileSize: maxFileSize, Patches: patches})
}

// namedPatches handles the named files (a pre-commit hook's, a file
// list's) that a kustomization names as patches: a patch has no documents
// of its own (kustomize.Patch), so the kustomization that applies it is
// added to the paths, unless named already. Names are as given.
func namedPatches(paths []string, patches *kustomize.Patches) []string {
	named := map[string]bool{}
	for _, p := range paths {
		named[filepath.Clean(p)] = true
	}
	// Names are made absolute by joining: filepath.Abs asks the OS for
	// the working directory each time.
	wd, err := os.Getwd()
	if err != nil {
		return paths
	}
	out := paths
	for _, p := range paths {
		switch filepath.Ext(p) {
		case ".yaml", ".yml", ".json":
		default:
			continue
		}
		abs := filepath.Clean(p)
		if !filepath.IsAbs(abs) {
			abs = filepath.Join(wd, abs)
		}
		k, ok := patches.Of(abs)
		if !ok {
			continue
		}
		rel, err := filepath.Rel(filepath.Dir(abs), k)
		if err != nil {
			continue
		}
		if name := filepath.Join(filepath.Dir(p), rel); !named[name] {
			named[name] = true
			out = append(out, name)
		}
	}
	return out
}

// namedBases handles the named files (a pre-commit hook's, a file list's)
// that kustomizations of the repository build from: a base's manifest, a
// kustomization it names, a generator's file. What those kustomizations
// deploy depends on them, so each is added to the paths, unless named
// already, relative to the working directory. The kustomizations are
// found in git's index of each named file's repository (a pre-commit hook
// runs in a clone; walking a large repository's directories would cost
// more than the check of one file): outside a repository, or when git
// fails, nothing is added.
func namedBases(ctx context.Context, paths []string) []string {
	wd, err := os.Getwd()
	if err != nil {
		return paths
	}
	// Names are compared as git gives the top level: with the links of
	// their directories resolved.
	canon := map[string]string{}
	canonical := func(abs string) string {
		dir := filepath.Dir(abs)
		c, ok := canon[dir]
		if !ok {
			if c, err = filepath.EvalSymlinks(dir); err != nil {
				c = dir
			}
			canon[dir] = c
		}
		return filepath.Join(c, filepath.Base(abs))
	}
	named := map[string]bool{}
	for _, p := range paths {
		if p == "-" {
			continue
		}
		abs := filepath.Clean(p)
		if !filepath.IsAbs(abs) {
			abs = filepath.Join(wd, abs)
		}
		if st, err := os.Stat(abs); err == nil && st.Mode().IsRegular() {
			named[canonical(abs)] = true
		}
	}
	if len(named) == 0 {
		return paths
	}
	cwd, err := filepath.EvalSymlinks(wd)
	if err != nil {
		return paths
	}
	yaml := parsers.Default()[parsers.YAML]
	out := paths
	for _, repo := range reposOf(ctx, slices.Sorted(maps.Keys(named))) {
		files, err := repo.FilesNamed(ctx, kustomize.FileNames()...)
		if err != nil {
			continue
		}
		for _, f := range files {
			k := repo.Abs(f)
			if named[k] || skipped(f) {
				continue
			}
			for _, in := range kustomize.Inputs(repo.Dir, k, yaml) {
				if in != k && named[in] {
					if rel, err := filepath.Rel(cwd, k); err == nil {
						named[k] = true
						out = append(out, rel)
					}
					break
				}
			}
		}
	}
	return out
}

// reposOf returns the git repositories that hold files (absolute), each
// once, in the order first met: usually one, found with one git command
// (a file inside a repository already found is not asked about again).
func reposOf(ctx context.Context, files []string) []*git.Repo {
	var repos []*git.Repo
	asked := map[string]bool{}
	inGit := map[string]bool{} // has a .git at or above it, by directory
	for _, f := range files {
		dir := filepath.Dir(f)
		if asked[dir] || slices.ContainsFunc(repos, func(r *git.Repo) bool { return fspath.Within(r.Dir, dir) }) {
			continue
		}
		asked[dir] = true
		// Outside any repository (a benchmark corpus, an unpacked
		// archive) git is not started at all.
		if !gitAbove(dir, inGit) {
			continue
		}
		if r, err := git.Open(ctx, dir); err == nil && !slices.ContainsFunc(repos, func(o *git.Repo) bool { return o.Dir == r.Dir }) {
			repos = append(repos, r)
		}
	}
	return repos
}

// gitAbove reports whether dir or a directory above it holds .git,
// remembering the answer for each directory it looks at in memo.
func gitAbove(dir string, memo map[string]bool) bool {
	var seen []string
	found := false
	for d := dir; ; d = filepath.Dir(d) {
		if v, ok := memo[d]; ok {
			found = v
			break
		}
		seen = append(seen, d)
		if _, err := os.Lstat(filepath.Join(d, ".git")); err == nil {
			found = true
			break
		}
		if filepath.Dir(d) == d {
			break
		}
	}
	for _, d := range seen {
		memo[d] = found
	}
	return found
}

// skipped reports whether a slash-separated relative path lies in a
// directory that a walk skips (inputs.SkipDir).
func skipped(rel string) bool {
	dirs := strings.Split(path.Dir(rel), "/")
	return slices.ContainsFunc(dirs, inputs.SkipDir)
}

// kustomizationChanges returns a change for each kustomization under root
// that builds from a file cs changes (a base's manifest, a patch, a
// kustomization it names), when cs does not list it: what it deploys may
// have changed. Paths are relative to root, as in cs; every line counts
// as touched (Binary). They are not changes of the pull request: policies
// do not see them in data.infragate.changes.
func kustomizationChanges(root string, cs []git.Change) []git.Change {
	if len(cs) == 0 {
		return nil
	}
	abs, err := filepath.Abs(root)
	if err != nil {
		return nil
	}
	touched := map[string]bool{}
	listed := map[string]bool{}
	for _, c := range cs {
		listed[c.Path] = true
		touched[filepath.Join(abs, filepath.FromSlash(c.Path))] = true
		if c.OldPath != "" {
			touched[filepath.Join(abs, filepath.FromSlash(c.OldPath))] = true
		}
	}
	yaml := parsers.Default()[parsers.YAML]
	var out []string
	_ = filepath.WalkDir(abs, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil
		}
		if d.IsDir() {
			if inputs.SkipDir(d.Name()) {
				return filepath.SkipDir
			}
			return nil
		}
		if !kustomize.IsKustomization(p) || !d.Type().IsRegular() {
			return nil
		}
		for _, in := range kustomize.Inputs(abs, p, yaml) {
			if touched[in] {
				if rel, err := filepath.Rel(abs, p); err == nil && !listed[filepath.ToSlash(rel)] {
					out = append(out, filepath.ToSlash(rel))
				}
				break
			}
		}
		return nil
	})
	sort.Strings(out)
	out = slices.Compact(out)
	changes := make([]git.Change, len(out))
	for i, p := range out {
		changes[i] = git.Change{Path: p, Status: git.StatusModified, Binary: true}
	}
	return changes
}

// claimKustomizations makes kustomization files YAML files whatever their
// name gives (a file named Kustomization has no extension), then asks
// claim (which may be nil).
func claimKustomizations(claim func(string) (parsers.Format, bool)) func(string) (parsers.Format, bool) {
	return func(file string) (parsers.Format, bool) {
		if kustomize.IsKustomization(file) {
			return parsers.YAML, true
		}
		if claim == nil {
			return "", false
		}
		return claim(file)
	}
}
