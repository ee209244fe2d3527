package cmd

import (
	"os"
	"path"
	"path/filepath"
	"slices"
	"sort"
	"strings"

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
	var touched []string
	listed := map[string]bool{}
	for _, c := range cs {
		listed[c.Path] = true
		touched = append(touched, c.Path)
		if c.OldPath != "" {
			touched = append(touched, c.OldPath)
		}
	}
	var out []git.Change
	for _, p := range chartTemplates(root, touched, values) {
		if !listed[p] {
			out = append(out, git.Change{Path: p, Status: git.StatusModified, Binary: true})
		}
	}
	return out
}

// namedChartTemplates returns the templates of the charts that named
// files (a pre-commit hook's, a file list's) belong to, when one of them
// is not itself a template: a commit that changes only values.yaml
// changes what the templates deploy. Directories are walked anyway.
func namedChartTemplates(paths []string, values map[string][]string) []string {
	var files []string
	for _, p := range paths {
		if p == "-" {
			continue
		}
		slashed := filepath.ToSlash(filepath.Clean(p))
		lower := strings.ToLower(slashed)
		if strings.Contains("/"+slashed, "/templates/") && (strings.HasSuffix(lower, ".yaml") || strings.HasSuffix(lower, ".yml")) {
			continue // a template: rendered on its own account
		}
		if st, err := os.Stat(p); err == nil && st.Mode().IsRegular() {
			files = append(files, slashed)
		}
	}
	return chartTemplates(".", files, values)
}

// chartTemplates lists the templates (relative to root, slash separated,
// sorted) of the charts holding one of files (relative to root) or
// configured to read one of them as a values file.
func chartTemplates(root string, files []string, values map[string][]string) []string {
	abs, err := filepath.Abs(root)
	if err != nil {
		return nil
	}
	valuesOf := map[string][]string{} // values file -> chart directories
	for chart, fs := range values {
		for _, f := range fs {
			f = path.Clean(filepath.ToSlash(f))
			valuesOf[f] = append(valuesOf[f], chart)
		}
	}
	charts := map[string]bool{}
	for _, p := range files {
		if r, ok := helmchart.ChartOf(abs, filepath.Join(abs, filepath.FromSlash(p))); ok {
			charts[r] = true
		}
		for _, chart := range valuesOf[p] {
			if r, ok := helmchart.ChartOf(abs, filepath.Join(abs, filepath.FromSlash(chart), "Chart.yaml")); ok {
				charts[r] = true
			}
		}
	}
	var out []string
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
			out = append(out, path.Join(filepath.ToSlash(rel), t))
		}
	}
	sort.Strings(out)
	return slices.Compact(out)
}
