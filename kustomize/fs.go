package kustomize

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"fmt"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"sort"
	"sync"

	"sigs.k8s.io/kustomize/kyaml/filesys"

	"github.com/infragate/infragate/internal/fspath"
	"github.com/infragate/infragate/internal/fsread"
)

// boundFS is the file system a build reads: the disk, read-only, below
// bound only (a link out of it is refused, as a path that climbs out is),
// each file held to a size limit. It records what the build read, so
// that a result can be keyed by every byte that decided it, and it can
// hand over other bytes for a file (the kustomization being judged, with
// origin annotations asked for).
type boundFS struct {
	disk    filesys.FileSystem
	bound   string // absolute, links resolved
	given   string // absolute, as given
	maxSize int64

	mu       sync.Mutex
	override map[string][]byte            // absolute path -> bytes
	read     map[string][sha256.Size]byte // absolute path -> digest of what was read
}

func newBoundFS(bound string, maxSize int64) (*boundFS, error) {
	abs, err := filepath.Abs(bound)
	if err != nil {
		return nil, err
	}
	given := abs
	if real, err := filepath.EvalSymlinks(abs); err == nil {
		abs = real
	}
	return &boundFS{
		disk:     filesys.MakeFsOnDisk(),
		bound:    abs,
		given:    given,
		maxSize:  maxSize,
		override: map[string][]byte{},
		read:     map[string][sha256.Size]byte{},
	}, nil
}

// setOverride makes the file at abs read as data.
func (b *boundFS) setOverride(abs string, data []byte) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.override[abs] = bytes.Clone(data)
}

// errReadOnly is what a build that tries to write gets.
var errReadOnly = errors.New("the file system of a kustomize build is read-only")

// check resolves p (links included, for the part that exists) and refuses
// it when it lies outside the bound.
func (b *boundFS) check(p string) error {
	abs, err := filepath.Abs(p)
	if err != nil {
		return err
	}
	real := resolve(abs)
	if !fspath.Within(b.bound, real) {
		// Named from the repository, not by the machine's directories.
		name := p
		if rel, err := filepath.Rel(b.bound, abs); err == nil {
			name = filepath.ToSlash(rel)
		}
		return fmt.Errorf("%s is outside the repository (the directory holding .git, else the working directory): not read", name)
	}
	// git's own files (a checkout's .git/config can hold the job's
	// token) are no part of what a kustomization deploys.
	if rel, err := filepath.Rel(b.bound, real); err == nil && fspath.InGit(rel) {
		return fmt.Errorf("%s is in .git: not read", filepath.ToSlash(rel))
	}
	return nil
}

// resolve follows the links of the longest part of abs that exists.
func resolve(abs string) string {
	rest := ""
	for p := abs; ; {
		if real, err := filepath.EvalSymlinks(p); err == nil {
			return filepath.Join(real, rest)
		}
		parent := filepath.Dir(p)
		if parent == p {
			return abs
		}
		rest = filepath.Join(filepath.Base(p), rest)
		p = parent
	}
}

func (b *boundFS) Create(string) (filesys.File, error) { return nil, errReadOnly }
func (b *boundFS) Mkdir(string) error                  { return errReadOnly }
func (b *boundFS) MkdirAll(string) error               { return errReadOnly }
func (b *boundFS) RemoveAll(string) error              { return errReadOnly }
func (b *boundFS) WriteFile(string, []byte) error      { return errReadOnly }

func (b *boundFS) Open(p string) (filesys.File, error) {
	if err := b.check(p); err != nil {
		return nil, err
	}
	return b.disk.Open(p)
}

func (b *boundFS) IsDir(p string) bool {
	return b.check(p) == nil && b.disk.IsDir(p)
}

func (b *boundFS) ReadDir(p string) ([]string, error) {
	if err := b.check(p); err != nil {
		return nil, err
	}
	return b.disk.ReadDir(p)
}

func (b *boundFS) CleanedAbs(p string) (filesys.ConfirmedDir, string, error) {
	if err := b.check(p); err != nil {
		return "", "", err
	}
	return b.disk.CleanedAbs(p)
}

func (b *boundFS) Exists(p string) bool {
	if b.check(p) != nil {
		return false
	}
	if abs, err := filepath.Abs(p); err == nil {
		b.mu.Lock()
		_, ok := b.override[abs]
		b.mu.Unlock()
		if ok {
			return true
		}
	}
	return b.disk.Exists(p)
}

func (b *boundFS) Glob(pattern string) ([]string, error) {
	if err := b.check(filepath.Dir(pattern)); err != nil {
		return nil, err
	}
	matches, err := b.disk.Glob(pattern)
	if err != nil {
		return nil, err
	}
	out := matches[:0]
	for _, m := range matches {
		if b.check(m) == nil {
			out = append(out, m)
		}
	}
	return out, nil
}

func (b *boundFS) Walk(p string, fn filepath.WalkFunc) error {
	if err := b.check(p); err != nil {
		return err
	}
	return b.disk.Walk(p, func(path string, info fs.FileInfo, err error) error {
		if err == nil && b.check(path) != nil {
			if info.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		return fn(path, info, err)
	})
}

func (b *boundFS) ReadFile(p string) ([]byte, error) {
	abs, err := filepath.Abs(p)
	if err != nil {
		return nil, err
	}
	b.mu.Lock()
	data, ok := b.override[abs]
	b.mu.Unlock()
	if !ok {
		if err := b.check(abs); err != nil {
			return nil, err
		}
		if data, err = readLimited(abs, b.maxSize); err != nil {
			return nil, err
		}
	}
	b.mu.Lock()
	b.read[abs] = sha256.Sum256(data)
	b.mu.Unlock()
	return data, nil
}

// readLimited reads a regular file of at most max bytes (0: no limit).
func readLimited(p string, max int64) ([]byte, error) {
	st, err := os.Stat(p)
	if err != nil {
		return nil, err
	}
	if !st.Mode().IsRegular() {
		return nil, fmt.Errorf("%s is not a regular file", p)
	}
	if max <= 0 {
		max = math.MaxInt64 - 1
	}
	data, err := fsread.ReadFile(p, max)
	var tooLarge *fsread.TooLargeError
	switch {
	case errors.As(err, &tooLarge):
		return nil, fmt.Errorf("%s is larger than the file size limit (%d bytes)", p, max)
	case err != nil:
		return nil, fmt.Errorf("%s: %w", p, err)
	}
	return data, nil
}

// digest is a SHA-256 of every file the builds read, by name relative to
// the bound, in order.
func (b *boundFS) digest() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	names := make([]string, 0, len(b.read))
	for n := range b.read {
		names = append(names, n)
	}
	sort.Strings(names)
	h := sha256.New()
	for _, n := range names {
		rel, err := filepath.Rel(b.bound, n)
		if err != nil {
			rel = n
		}
		d := b.read[n]
		fmt.Fprintf(h, "%s\x00%x\x00", filepath.ToSlash(rel), d)
	}
	return fmt.Sprintf("%x", h.Sum(nil))
}

// files lists what the builds read, absolute, sorted.
func (b *boundFS) files() []string {
	b.mu.Lock()
	defer b.mu.Unlock()
	out := make([]string, 0, len(b.read))
	for n := range b.read {
		out = append(out, n)
	}
	sort.Strings(out)
	return out
}
