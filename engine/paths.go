package engine

import (
	"os"
	"path/filepath"
)

// absDir is the absolute directory of p, against wd (the working
// directory the engine started in) when p is relative: filepath.Abs would
// ask the operating system for the working directory for every file.
func absDir(wd, p string) (string, error) {
	if !filepath.IsAbs(p) {
		if wd == "" {
			var err error
			if wd, err = os.Getwd(); err != nil {
				return "", err
			}
		}
		p = filepath.Join(wd, p)
	}
	return filepath.Dir(filepath.Clean(p)), nil
}

func baseName(p string) string { return filepath.Base(p) }
