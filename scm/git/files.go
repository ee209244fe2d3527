package git

import (
	"bytes"
	"fmt"
	"io"
	"strings"
)

// ParseFilesFrom reads a list of paths for --files-from: one path per line
// (LF or CRLF), or NUL-separated when the input contains a NUL byte (as
// `git diff -z --name-only` and `find -print0` write). Blank entries are
// skipped, exact duplicates dropped, and the order kept. Paths are returned
// as written; they are not checked for existence.
func ParseFilesFrom(r io.Reader) ([]string, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("reading file list: %w", err)
	}
	sep := "\n"
	if bytes.IndexByte(data, 0) >= 0 {
		sep = "\x00"
	}
	var files []string
	seen := map[string]bool{}
	for _, p := range strings.Split(string(data), sep) {
		if sep == "\n" {
			p = strings.TrimSuffix(p, "\r")
		}
		if strings.TrimSpace(p) == "" || seen[p] {
			continue
		}
		seen[p] = true
		files = append(files, p)
	}
	return files, nil
}
