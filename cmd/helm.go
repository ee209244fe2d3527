package cmd

import (
	"path"
	"path/filepath"
	"sort"

	"github.com/infragate/infragate/config"
	"github.com/infragate/infragate/helmchart"
	"github.com/infragate/infragate/parsers"
	"github.com/infragate/infragate/scm/git"
)

// withHelm wraps the registry's YAML parser so that chart templates are
// rendered with their chart (helmchart.Wrap). dir resolves relative names;
// values are values files by chart directory.
func withHelm(reg parsers.Registry, dir string, values map[string][]string, maxFileSize int64) (parsers.Registry, error) {
	return helmchart.Wrap(reg, helmchart.Options{Dir: dir, Values: values, MaxFileSize: maxFileSize})
}

// helmValues returns the configuration's helm.values with the chart
// directories and values files relative to the working directory.
func helmValues(cfg *config.Config) map[string][]string {
	out := map[string][]string{}
	for chart, files := range cfg.Helm.Values {
		dir := configRelative(cfg, chart)
		for _, f := range files {
			out[dir] = append(out[dir], configRelative(cfg, f))
		}
	}
	return out
}

// chartChanges returns a change for each template of a chart that cs
// changes a file of (values.yaml, a partial, a subchart, a template) or
// whose configured values file (values, by chart directory) cs changes,
// when cs does not list it: what every template of the chart deploys may
// have changed. Paths are relative to root, as in cs; every line counts
// as touched (Binary). They are not changes of the pull request: policies
// do not see them in data.infragate.changes.
func chartChanges(root string, cs []git.Change, values map[string][]string) []git.Change {
	abs, err := filepath.Abs(root)
	if err != nil {
		return nil
	}
	valuesOf := map[string][]string{} // values file -> chart directories
	for chart, files := range values {
		for _, f := range files {
			valuesOf[path.Clean(filepath.ToSlash(f))] = append(valuesOf[path.Clean(filepath.ToSlash(f))], chart)
		}
	}
	listed := map[string]bool{}
	charts := map[string]bool{}
	for _, c := range cs {
		listed[c.Path] = true
		for _, p := range []string{c.Path, c.OldPath} {
			if p == "" {
				continue
			}
			if r, ok := helmchart.ChartOf(abs, filepath.Join(abs, filepath.FromSlash(p))); ok {
				charts[r] = true
			}
			for _, chart := range valuesOf[p] {
				if r, ok := helmchart.ChartOf(abs, filepath.Join(abs, filepath.FromSlash(chart), "Chart.yaml")); ok {
					charts[r] = true
				}
			}
		}
	}
	var out []git.Change
	for r := range charts {
		tpls, err := helmchart.Templates(r)
		if err != nil {
			continue // the chart's templates report it when evaluated
		}
		rel, err := filepath.Rel(abs, r)
		if err != nil {
			continue
		}
		for _, t := range tpls {
			p := path.Join(filepath.ToSlash(rel), t)
			if !listed[p] {
				listed[p] = true
				out = append(out, git.Change{Path: p, Status: git.StatusModified, Binary: true})
			}
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Path < out[j].Path })
	return out
}
