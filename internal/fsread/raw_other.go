//go:build !linux

package fsread

import (
	"errors"
	"io/fs"
	"os"
)

// rawFile is an open file (read_linux.go reads with fewer system calls).
type rawFile struct{ *os.File }

func openFile(path string) (rawFile, error) {
	f, err := os.Open(path)
	if err != nil {
		var pe *fs.PathError
		if errors.As(err, &pe) {
			err = pe.Err
		}
		return rawFile{}, err
	}
	return rawFile{f}, nil
}

// size is the file's size, and whether it is a regular file.
func (f rawFile) size() (int64, bool) {
	st, err := f.Stat()
	if err != nil {
		return 0, false
	}
	return st.Size(), st.Mode().IsRegular()
}

// mmap is not used on this platform: Map reads the file.
func (f rawFile) mmap(int64) ([]byte, func(), error) {
	return nil, nil, errors.ErrUnsupported
}
