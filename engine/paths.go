package engine

import "path/filepath"

func absDir(p string) (string, error) {
	abs, err := filepath.Abs(p)
	if err != nil {
		return "", err
	}
	return filepath.Dir(abs), nil
}

func baseName(p string) string { return filepath.Base(p) }
