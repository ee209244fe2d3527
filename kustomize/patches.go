package kustomize

import (
	"os"
	"path/filepath"
	"slices"
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
	dirs map[string]dirPatches
}

// dirPatches is what a directory's kustomization says about patches.
type dirPatches struct {
	files []string // absolute names of the patch files it names
	top   bool     // the directory holds .git: no kustomization above counts
}

// NewPatches returns an empty Patches that reads kustomizations of at
// most maxSize bytes (0: no limit).
func NewPatches(maxSize int64) *Patches {
	return &Patches{maxSize: maxSize, yaml: parsers.Default()[parsers.YAML], dirs: map[string]dirPatches{}}
}

// Of returns the kustomization that names the file at abs as a patch,
// looking in its directory and above (kustomize reads a patch only from
// within its kustomization's directory), up to the repository's root.
func (ps *Patches) Of(abs string) (string, bool) {
	for d := filepath.Dir(abs); ; d = filepath.Dir(d) {
		dp := ps.dir(d)
		if slices.Contains(dp.files, abs) {
			return dp.kustomization(d), true
		}
		if dp.top || filepath.Dir(d) == d {
			return "", false
		}
	}
}

func (dp dirPatches) kustomization(dir string) string {
	for _, n := range kustomizationNames {
		if st, err := os.Stat(filepath.Join(dir, n)); err == nil && st.Mode().IsRegular() {
			return filepath.Join(dir, n)
		}
	}
	return dir
}

// dir reads (once) the patch files that dir's kustomization names.
func (ps *Patches) dir(dir string) dirPatches {
	ps.mu.Lock()
	dp, ok := ps.dirs[dir]
	ps.mu.Unlock()
	if ok {
		return dp
	}
	if _, err := os.Lstat(filepath.Join(dir, ".git")); err == nil {
		dp.top = true
	}
	for _, n := range kustomizationNames {
		kfile := filepath.Join(dir, n)
		src, err := readLimited(kfile, ps.maxSize)
		if err != nil {
			continue
		}
		if docs, err := ps.yaml.Parse(kfile, src); err == nil && len(docs) == 1 {
			dp.files = patchFiles(dir, docs[0].Value)
		}
		break
	}
	ps.mu.Lock()
	ps.dirs[dir] = dp
	ps.mu.Unlock()
	return dp
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
