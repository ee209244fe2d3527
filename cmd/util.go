package cmd

import (
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"

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
func noteUnselected(w io.Writer, pkgs []engine.UnselectedPackage, namespaces []string) {
	if len(pkgs) == 0 {
		return
	}
	globs := make([]string, len(namespaces))
	for i, n := range namespaces {
		globs[i] = strconv.Quote(n)
	}
	for _, p := range pkgs {
		where := p.File
		if p.Line > 0 {
			where = fmt.Sprintf("%s:%d", p.File, p.Line)
		}
		fmt.Fprintf(w, "infragate: %s: package %s is not evaluated (rules %s): --namespace %s does not select it; add -n %s, or use --all-namespaces\n",
			where, p.Package, strings.Join(p.Rules, ", "), strings.Join(globs, ", "), p.Package)
	}
}
