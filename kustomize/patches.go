package kustomize

import (
	"os"
	"path/filepath"
	"strings"
	"sync"

	"github.com/infragate/infragate/parsers"
)

// Patches finds the files that kustomizations name as patches, reading
// each directory's kustomization once. It is safe for concurrent use.
type Patches struct {
	maxSize int64
	yaml    parsers.Parser

	mu   sync.Mutex
	dirs map[string]map[string]string // directory -> patch file -> kustomization, for it and above
}

// NewPatches returns an empty Patches that reads kustomizations of at
// most maxSize bytes (0: no limit).
func NewPatches(maxSize int64) *Patches {
	return &Patches{maxSize: maxSize, yaml: parsers.Default()[parsers.YAML], dirs: map[string]map[string]string{}}
}

// Of returns the kustomization that names the file at abs (absolute,
// clean) as a patch, looking in its directory and above (kustomize reads a
// patch only from within its kustomization's directory), up to the
// repository's root (the directory holding .git).
func (ps *Patches) Of(abs string) (string, bool) {
	k, ok := ps.under(filepath.Dir(abs))[abs]
	return k, ok
}

// under returns the patch files that the kustomizations of dir and the
// directories above it name, with their kustomizations: dir's own, then
// (unless dir holds .git) its parent's.
func (ps *Patches) under(dir string) map[string]string {
	ps.mu.Lock()
	m, ok := ps.dirs[dir]
	ps.mu.Unlock()
	if ok {
		return m
	}
	var parent map[string]string
	if _, err := os.Lstat(filepath.Join(dir, ".git")); err != nil && filepath.Dir(dir) != dir {
		parent = ps.under(filepath.Dir(dir))
	}
	own, kfile := ps.own(dir)
	switch {
	case len(own) == 0:
		m = parent
	default:
		m = make(map[string]string, len(parent)+len(own))
		for f, k := range parent {
			m[f] = k
		}
		for _, f := range own {
			m[f] = kfile
		}
	}
	ps.mu.Lock()
	ps.dirs[dir] = m
	ps.mu.Unlock()
	return m
}

// own lists the patch files that dir's kustomization names.
func (ps *Patches) own(dir string) ([]string, string) {
	for _, n := range kustomizationNames {
		kfile := filepath.Join(dir, n)
		src, err := readLimited(kfile, ps.maxSize)
		if err != nil {
			continue
		}
		docs, err := ps.yaml.Parse(kfile, src)
		if err != nil || len(docs) != 1 {
			return nil, ""
		}
		return patchFiles(dir, docs[0].Value), kfile
	}
	return nil, ""
}

// patchFiles lists the patch files a kustomization (in dir) names.
func patchFiles(dir string, v any) []string {
	var out []string
	for _, ref := range references(v) {
		switch ref.path[0] {
		case "patches", "patchesJson6902", "patchesStrategicMerge":
			if !strings.Contains(ref.value, "\n") && !remoteRef(ref.value) {
				out = append(out, filepath.Join(dir, filepath.FromSlash(ref.value)))
			}
		}
	}
	return out
}
