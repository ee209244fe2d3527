package cmd

import (
	"os"
	"path/filepath"
	"strings"

	"github.com/infragate/infragate/parsers"
	"github.com/infragate/infragate/policies"
)

// neededScanMax is the largest named file read to see what the library
// needs for it: a larger one costs more to parse twice than the rules it
// could leave out cost to compile.
const neededScanMax = 1 << 20

// neededPackages narrows the built-in rules a check of a handful of named
// files compiles (engine.Options.Needed) to those that can have findings
// on their documents (policies.Usage): a merge request that touches one
// Azure file does not compile the AWS and Google rules, nor one that
// touches a workflow the Kubernetes rules. The named files are read and
// parsed here as the check will parse them (plain parsers: claim, when
// not nil, names the files Helm or kustomize render from other files). It
// returns nil, and every rule of the files' formats is compiled, when it
// cannot tell (standard input, a link, a file it cannot read or parse, a
// large one, a rendered one) or when the files need every rule.
func neededPackages(paths []string, parser string, claim func(string) (parsers.Format, bool)) func(pkg string) bool {
	var usage policies.Usage
	reg := parsers.Default()
	for _, p := range paths {
		if p == "-" {
			return nil
		}
		if claim != nil && (filepath.Base(p) == "Chart.yaml" || isClaimed(claim, p) || inTemplates(p)) {
			return nil
		}
		format := parsers.Format(parser)
		if format == "" {
			var known bool
			if format, known = parsers.DetectFormat(p); !known {
				continue // not read
			}
		}
		if format == parsers.Dockerfile {
			continue // its rules have no condition
		}
		base := reg[format]
		if base == nil {
			return nil
		}
		st, err := os.Lstat(p)
		if err != nil || !st.Mode().IsRegular() || st.Size() > neededScanMax {
			return nil // (a link too: never read through it here)
		}
		src, err := os.ReadFile(p)
		if err != nil {
			return nil
		}
		docs, err := base.Parse(p, src)
		if err != nil {
			return nil
		}
		for _, d := range docs {
			usage.Add(d.Value)
		}
		if usage.Everything() {
			return nil
		}
	}
	return usage.Needed
}

// inTemplates reports whether a path has a templates directory: a Helm
// chart's files there may be rendered (partials included, which the
// claim does not take), so they are never read as they are here.
func inTemplates(p string) bool {
	for _, part := range strings.Split(filepath.ToSlash(p), "/") {
		if part == "templates" {
			return true
		}
	}
	return false
}
