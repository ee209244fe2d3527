package cmd

import (
	"fmt"
	"os"

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
