// Package fsread reads whole files, bounded by a size limit, with as few
// system calls as the platform allows. The engine reads every file of a
// check with it, and the benchmark's parse-only floor reads the same way.
package fsread

import (
	"fmt"
	"io"
)

// TooLargeError is a file above the size limit. Size is -1 when the file
// grew past the limit while it was read.
type TooLargeError struct {
	Size, Limit int64
}

func (e *TooLargeError) Error() string {
	if e.Size < 0 {
		return fmt.Sprintf("file is larger than the %d-byte limit (--max-file-size)", e.Limit)
	}
	return fmt.Sprintf("file is %d bytes, above the %d-byte limit (--max-file-size)", e.Size, e.Limit)
}

// Map returns the content of the file at path like ReadFile, mapped into
// memory instead of read when it is a regular file of at least from bytes
// (and the platform maps files): the content is then outside the Go heap,
// so the collector neither counts it nor doubles it, and release unmaps
// it. The content must not be used after release, nor kept in what is
// built from it (Go strings made from it are copies). A file truncated by
// another process while mapped makes reading past its new end fault; with
// debug.SetPanicOnFault that is a panic the caller can recover. release is
// never nil.
func Map(path string, limit, from int64) (data []byte, release func(), err error) {
	f, err := openFile(path)
	if err != nil {
		return nil, func() {}, err
	}
	size, regular := f.size()
	if regular && size >= from && size <= limit && size > 0 {
		data, release, err := f.mmap(size)
		f.Close()
		if err == nil {
			return data, release, nil
		}
	} else {
		f.Close()
	}
	data, err = ReadFile(path, limit)
	return data, func() {}, err
}

// ReadFile returns the content of the file at path. A regular file above
// limit bytes is refused before it is read; anything else is read up to
// limit+1 bytes. Errors from the system are returned without the path
// (the caller names the file).
func ReadFile(path string, limit int64) ([]byte, error) {
	f, err := openFile(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	size, regular := f.size()
	if !regular {
		size = 0
	} else if size > limit {
		// Refused without reading: a huge file costs no memory.
		return nil, &TooLargeError{Size: size, Limit: limit}
	}
	src, err := readAll(io.LimitReader(f, limit+1), size)
	if err != nil {
		return nil, err
	}
	if int64(len(src)) > limit {
		return nil, &TooLargeError{Size: -1, Limit: limit}
	}
	return src, nil
}

// readAll reads r to its end into one buffer sized for the expected
// number of bytes (as os.ReadFile does): io.ReadAll's doubling would
// allocate about twice the file over several buffers, which for a 50 MB
// file is the run's peak memory.
func readAll(r io.Reader, size int64) ([]byte, error) {
	buf := make([]byte, 0, size+512) // room for the read that sees EOF
	for {
		n, err := r.Read(buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+n]
		if err == io.EOF {
			return buf, nil
		}
		if err != nil {
			return nil, err
		}
		if len(buf) == cap(buf) {
			buf = append(buf, 0)[:len(buf)] // the file grew: let append grow it
		}
	}
}
