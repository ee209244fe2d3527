package cmd

import (
	"fmt"
	"io"
	"os"
	"slices"
	"strconv"
	"strings"

	"github.com/infragate/infragate/config"
	"github.com/infragate/infragate/engine"
	"github.com/infragate/infragate/gate"
)

func readAll(path string) ([]byte, error) { return os.ReadFile(path) }

// readInlineSource reads a file for inline waivers: only a regular file (not a
// link, pipe or device, which a change under review could plant to hang or
// exhaust the run) within the size limit, and only the lines inline
// waivers are on or placed by (gate.ReadInlineSource): a large file is
// not held in memory a second time at the end of the run.
func readInlineSource(name string, limit int64) ([]byte, error) {
	st, err := os.Lstat(name)
	if err != nil {
		return nil, err
	}
	if st.Mode()&os.ModeSymlink != 0 {
		return nil, fmt.Errorf("%s: a symbolic link; inline waivers are not read through links", name)
	}
	if !st.Mode().IsRegular() {
		return nil, fmt.Errorf("%s: not a regular file", name)
	}
	if limit > 0 && st.Size() > limit {
		return nil, fmt.Errorf("%s: larger than the --max-file-size limit", name)
	}
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return gate.ReadInlineSource(f)
}

// noteUnselected says which packages of the user policies have rules that
// the namespaces leave out: conftest evaluates only `main` by default, and
// a package named after its subject (`package k8s`) is then silently never
// evaluated.
// namespacesFor is the package globs of the user policies to evaluate:
// -n/--namespace when given, else the configuration's namespaces, else
// main (as conftest).
func namespacesFor(flag []string, cfg *config.Config) []string {
	switch {
	case len(flag) > 0:
		return flag
	case cfg != nil && len(cfg.Namespaces) > 0:
		return cfg.Namespaces
	}
	return []string{"main"}
}

func noteUnselected(w io.Writer, pkgs []engine.UnselectedPackage, namespaces []string) {
	if len(pkgs) == 0 {
		return
	}
	globs := make([]string, len(namespaces))
	for i, n := range namespaces {
		globs[i] = strconv.Quote(n)
	}
	for _, p := range pkgs {
		fmt.Fprintf(w, "infragate: %s: package %s is not evaluated (rules %s): --namespace %s does not select it; add -n %s, or use --all-namespaces\n",
			fileLine(p.File, p.Line), p.Package, strings.Join(p.Rules, ", "), strings.Join(globs, ", "), p.Package)
	}
}

// noteMetadata says which rules of the user policies have a METADATA
// severity or enforcement level infragate does not know: a severity that
// no enforcement.rules entry can name, or a level that silently counts as
// hard-mandatory.
func noteMetadata(w io.Writer, rules []engine.Rule) {
	for _, r := range rules {
		if r.Builtin {
			continue
		}
		where := ruleWhere(r)
		if r.Severity != "" && !slices.Contains(config.Severities(), r.Severity) {
			fmt.Fprintf(w, "infragate: %s: rule %s has METADATA severity %q, which is none of %s: enforcement.rules cannot select it by severity\n",
				where, r.ID, r.Severity, strings.Join(config.Severities(), ", "))
		}
		if r.Enforcement != "" {
			if _, err := config.ParseLevel(r.Enforcement); err != nil {
				fmt.Fprintf(w, "infragate: %s: rule %s has METADATA enforcement %q, which is none of advisory, soft-mandatory, hard-mandatory: it counts as hard-mandatory\n",
					where, r.ID, r.Enforcement)
			}
		}
	}
}

// fileLine is "file:line", or the file alone when the line is not known.
func fileLine(file string, line int) string {
	if line > 0 {
		return fmt.Sprintf("%s:%d", file, line)
	}
	return file
}
