package cmd

import (
	"os"
	"path"
	"path/filepath"
	"slices"
	"sort"

	"github.com/infragate/infragate/config"
	"github.com/infragate/infragate/helmchart"
	"github.com/infragate/infragate/parsers"
	"github.com/infragate/infragate/scm/git"
)

// withHelm wraps the registry's YAML parser so that chart templates are
// rendered with their chart (helmchart.Wrap), and returns with it the
// inputs.Options.Claim that makes templates of any extension YAML files.
// dir resolves relative names; values are values files by chart directory.
func withHelm(reg parsers.Registry, dir string, values map[string][]string, maxFileSize int64) (parsers.Registry, func(string) (parsers.Format, bool), error) {
	reg, err := helmchart.Wrap(reg, helmchart.Options{Dir: dir, Values: values, MaxFileSize: maxFileSize})
	return reg, helmClaim(dir), err
}

// helmClaim makes chart templates of any extension (templates/pod.txt,
// which Helm deploys) YAML files (inputs.Options.Claim); dir resolves
// relative names.
func helmClaim(dir string) func(string) (parsers.Format, bool) {
	// Asked for every file of unknown format in a walk: names are made
	// absolute by joining, without a look-up of the working directory.
	if abs, err := filepath.Abs(dir); err == nil {
		dir = abs
	}
	return func(file string) (parsers.Format, bool) {
		if !filepath.IsAbs(file) {
			file = filepath.Join(dir, file)
		}
		return parsers.YAML, helmchart.IsTemplate(file)
	}
}

func isClaimed(claim func(string) (parsers.Format, bool), file string) bool {
	_, ok := claim(file)
	return ok
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
	templates, _ := chartTemplates(root, root, touched, values)
	for _, p := range templates {
		if !listed[p] {
			out = append(out, git.Change{Path: p, Status: git.StatusModified, Binary: true})
		}
	}
	return out
}

// namedChartFiles handles the named files (a pre-commit hook's, a file
// list's) that decide what a whole chart deploys: values files, Chart.yaml
// files and partials (templates/_helpers.tpl). It returns the paths with
// the templates of those files' charts added, and the partials of charts
// taken out (they are not documents; naming one is not an error). A commit
// that changes only values.yaml or a partial changes what the templates
// deploy. Other named files are not looked up (a list of thousands of
// files would cost a look-up of every directory above each); check --base
// and the gate bring in a chart for a change to any of its files.
func namedChartFiles(paths []string, values map[string][]string) []string {
	configured := map[string]bool{}
	for _, fs := range values {
		for _, f := range fs {
			configured[path.Clean(filepath.ToSlash(f))] = true
		}
	}
	var files []string
	partials := map[string]bool{}
	for _, p := range paths {
		slashed := filepath.ToSlash(filepath.Clean(p))
		partial := helmchart.IsPartial(slashed)
		if p == "-" || !(helmchart.ChartWide(slashed) || configured[slashed]) {
			continue
		}
		if st, err := os.Stat(p); err == nil && st.Mode().IsRegular() {
			files = append(files, slashed)
			if partial {
				partials[p] = true
			}
		}
	}
	if len(files) == 0 {
		return paths
	}
	// Named files may lie outside the working directory (check
	// ../values.yaml): their charts are looked for up to the root.
	templates, charted := chartTemplates(".", string(filepath.Separator), files, values)
	out := slices.DeleteFunc(slices.Clone(paths), func(p string) bool {
		return partials[p] && charted[filepath.ToSlash(filepath.Clean(p))]
	})
	return append(out, templates...)
}

// chartTemplates lists the templates and Chart.yaml files (relative to
// root, slash separated, sorted; see helmchart.Rendered) of the charts
// holding one of files (relative to root) or configured to read one of
// them as a values file, looking for charts no higher than bound;
// charted holds the files that are in a chart.
func chartTemplates(root, bound string, files []string, values map[string][]string) (out []string, charted map[string]bool) {
	charted = map[string]bool{}
	abs, err := filepath.Abs(root)
	if err != nil {
		return nil, charted
	}
	if bound, err = filepath.Abs(bound); err != nil {
		return nil, charted
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
		if r, ok := helmchart.ChartOf(bound, filepath.Join(abs, filepath.FromSlash(p))); ok {
			charts[r] = true
			charted[p] = true
		}
		for _, chart := range valuesOf[p] {
			if r, ok := helmchart.ChartOf(bound, filepath.Join(abs, filepath.FromSlash(chart), "Chart.yaml")); ok {
				charts[r] = true
				charted[p] = true
			}
		}
	}
	for r := range charts {
		tpls, err := helmchart.Rendered(r)
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
	return slices.Compact(out), charted
}
