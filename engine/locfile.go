package engine

import (
	"bytes"
	"path/filepath"
	"sync"
)

// Where a result's _loc points.
//
// A result object may name its place: {"msg": ..., "_loc": {"file": f,
// "line": n}}. The file must be one of the input the result was evaluated
// on: the evaluated file, or with --combine one of the combined files. A
// finding placed in any other file would be judged as part of a file the
// change may not touch, and not block (fail open).

// inputFile is a file whose documents are being evaluated.
type inputFile struct {
	name  string     // as the run names it (File.Name)
	abs   string     // its cleaned absolute path
	lines func() int // how many lines it has; 0 when not known
}

// newInputFile describes f, whose bytes are src (nil when not at hand);
// wd is the working directory relative paths are against.
func newInputFile(wd string, f File, src []byte) inputFile {
	p := f.Path
	if p == "" {
		p = f.Name
	}
	abs := filepath.Clean(p)
	if dir, err := absDir(wd, p); err == nil {
		abs = filepath.Join(dir, filepath.Base(abs))
	}
	in := inputFile{name: f.Name, abs: abs, lines: func() int { return 0 }}
	if src != nil {
		in.lines = sync.OnceValue(func() int { return countLines(src) })
	}
	return in
}

// countLines is the number of lines of src; a last line without a newline
// counts.
func countLines(src []byte) int {
	n := bytes.Count(src, []byte{'\n'})
	if len(src) > 0 && src[len(src)-1] != '\n' {
		n++
	}
	return n
}

// locFile returns the file of files that loc (a result's _loc.file) names,
// as conftest users write it: the file's name as given to the run, or a
// path to it, absolute, relative to the working directory wd, or relative
// to the file's own directory (data.conftest.file.name is its base name).
// A relative path that only the last reading resolves must name one file.
func locFile(files []inputFile, wd, loc string) (inputFile, bool) {
	if loc == "" {
		return inputFile{}, false
	}
	loc = filepath.Clean(filepath.FromSlash(loc))
	for _, f := range files {
		if loc == filepath.Clean(filepath.FromSlash(f.name)) {
			return f, true
		}
	}
	if filepath.IsAbs(loc) {
		for _, f := range files {
			if loc == f.abs {
				return f, true
			}
		}
		return inputFile{}, false
	}
	if abs, err := absDir(wd, loc); err == nil {
		abs = filepath.Join(abs, filepath.Base(loc))
		for _, f := range files {
			if abs == f.abs {
				return f, true
			}
		}
	}
	var found []inputFile
	for _, f := range files {
		if filepath.Join(filepath.Dir(f.abs), loc) == f.abs {
			found = append(found, f)
		}
	}
	if len(found) == 1 {
		return found[0], true
	}
	return inputFile{}, false
}
