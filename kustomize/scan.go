package kustomize

import (
	"fmt"
	"path/filepath"
	"regexp"
	"sort"
	"strings"

	"github.com/infragate/infragate/parsers"
)

// kustomizationNames are the names kustomize looks for in a directory, in
// its order.
var kustomizationNames = [...]string{"kustomization.yaml", "kustomization.yml", "Kustomization"}

// FileNames returns the names kustomize looks for in a directory.
func FileNames() []string {
	return kustomizationNames[:]
}

// IsKustomization reports whether name is a kustomization file's.
func IsKustomization(name string) bool {
	base := filepath.Base(name)
	for _, n := range kustomizationNames {
		if base == n {
			return true
		}
	}
	return false
}

// kustomizationIn returns the kustomization file of dir, if any.
func kustomizationIn(fsys *boundFS, dir string) (string, bool) {
	for _, n := range kustomizationNames {
		p := filepath.Join(dir, n)
		if fsys.Exists(p) && !fsys.IsDir(p) {
			return p, true
		}
	}
	return "", false
}

// The fields of a kustomization that name other files or directories.
var (
	// Entries that may be a directory holding a kustomization (or, for
	// kustomize, a remote repository).
	dirFields = []string{"resources", "bases", "components", "generators", "transformers", "validators"}
	// Entries that are files.
	fileFields = []string{"crds", "configurations", "patchesStrategicMerge"}
	// Lists of objects whose "path" is a file.
	pathFields = []string{"patches", "patchesJson6902", "replacements"}
	// Generators whose files, envs and env are files.
	generatorFields = []string{"configMapGenerator", "secretGenerator"}
	// Entries whose files are configuration that may name files in turn
	// (a PatchTransformer's path).
	configFields = []string{"generators", "transformers", "validators"}
)

// scan visits the kustomization file kfile and every local kustomization
// it names, before anything is built, and refuses a reference that
// kustomize would fetch: kustomize clones a git repository for a
// resource that looks like one and downloads an http(s) file, which would
// make the gate's result depend on what a remote host serves (and let a
// merge request make the runner fetch anything). The check errs on the
// side of refusing: remoteRef accepts more than kustomize's own parser.
// It also lists the files the tree names (see tree).
func scan(fsys *boundFS, yaml parsers.Parser, kfile string) tree {
	var problem *parsers.ParseError
	openAPI := false
	seen := map[string]bool{}
	named := map[string]bool{}
	var visit func(kfile string)
	visit = func(kfile string) {
		if problem != nil || seen[kfile] {
			return
		}
		seen[kfile] = true
		named[kfile] = true
		src, err := fsys.ReadFile(kfile)
		if err != nil {
			return // the build reports it
		}
		docs, err := yaml.Parse(kfile, src)
		if err != nil || len(docs) == 0 {
			return
		}
		doc := docs[0]
		if m, ok := doc.Value.(map[string]any); ok && m["openapi"] != nil {
			openAPI = true
		}
		dir := filepath.Dir(kfile)
		fail := func(p parsers.Path, msg string) {
			if problem != nil {
				return
			}
			r, _ := doc.Map.Lookup(p)
			problem = &parsers.ParseError{File: kfile, Line: max(r.StartLine, 1), Msg: msg}
		}
		for _, ref := range references(doc.Value) {
			if ref.value == "" || strings.Contains(ref.value, "\n") {
				continue // inline configuration, checked below
			}
			if remoteRef(ref.value) {
				fail(ref.path, fmt.Sprintf("%s entry %q is remote: kustomize would fetch it, and the gate does not (vendor it into the repository to have it judged)", ref.path[0], ref.value))
				return
			}
			sub := filepath.Join(dir, ref.value)
			if !fsys.IsDir(sub) {
				named[sub] = true
				continue
			}
			if k, ok := kustomizationIn(fsys, sub); ok && ref.dir {
				visit(k)
			}
		}
		// Generator and transformer configuration (inline, or in files)
		// names files too (a PatchTransformer's path): any remote-looking
		// string in it is refused.
		for _, ref := range configs(doc.Value) {
			values := []any{}
			if strings.Contains(ref.value, "\n") {
				if inline, err := yaml.Parse(kfile, []byte(ref.value)); err == nil {
					for _, d := range inline {
						values = append(values, d.Value)
					}
				}
			} else if file := filepath.Join(dir, ref.value); !fsys.IsDir(file) {
				if data, err := fsys.ReadFile(file); err == nil {
					if cfg, err := yaml.Parse(file, data); err == nil {
						for _, d := range cfg {
							values = append(values, d.Value)
						}
					}
				}
			}
			for _, v := range values {
				if s, ok := firstRemote(v); ok {
					fail(ref.path, fmt.Sprintf("%s entry names %q, which is remote: kustomize would fetch it, and the gate does not", ref.path[0], s))
					return
				}
			}
		}
	}
	visit(kfile)
	files := make([]string, 0, len(named))
	for f := range named {
		files = append(files, f)
	}
	sort.Strings(files)
	return tree{files: files, openAPI: openAPI, problem: problem}
}

// tree is what the scan of a kustomization tree found.
type tree struct {
	// files are the local files the tree names (absolute, sorted; a
	// directory stands for its kustomization file).
	files []string
	// openAPI is set when a kustomization of the tree has an openapi
	// field (a schema of its own for strategic merges).
	openAPI bool
	// problem is the first reference that must not be built, at its
	// kustomization's line.
	problem *parsers.ParseError
}

// Inputs lists the files that decide what the kustomization file kfile
// builds: itself, the kustomizations it names (bases, components) and
// every file they name (manifests, patches, generator files), absolute
// and sorted. Names that do not exist are listed too (their creation
// changes the build); nothing outside root is read.
func Inputs(root, kfile string, yaml parsers.Parser) []string {
	fsys, err := newBoundFS(root, 0)
	if err != nil {
		return nil
	}
	abs, err := filepath.Abs(kfile)
	if err != nil {
		return nil
	}
	return scan(fsys, yaml, abs).files
}

// reference is one string of a kustomization that names a file or a
// directory.
type reference struct {
	path  parsers.Path // where it is in the kustomization
	value string
	dir   bool // may name a directory (a base)
}

// references lists the strings of a kustomization document that name
// files or directories, in the order of the fields above.
func references(v any) []reference {
	m, _ := v.(map[string]any)
	var out []reference
	strs := func(field string, list any, dir bool) {
		items, _ := list.([]any)
		for i, it := range items {
			if s, ok := it.(string); ok {
				out = append(out, reference{path: parsers.Path{field}.Index(i), value: s, dir: dir})
			}
		}
	}
	for _, f := range dirFields {
		strs(f, m[f], true)
	}
	for _, f := range fileFields {
		strs(f, m[f], false)
	}
	for _, f := range pathFields {
		items, _ := m[f].([]any)
		for i, it := range items {
			obj, _ := it.(map[string]any)
			if s, ok := obj["path"].(string); ok {
				out = append(out, reference{path: parsers.Path{f}.Index(i).Child("path"), value: s})
			}
		}
	}
	for _, f := range generatorFields {
		items, _ := m[f].([]any)
		for i, it := range items {
			obj, _ := it.(map[string]any)
			for _, key := range []string{"files", "envs"} {
				list, _ := obj[key].([]any)
				for j, el := range list {
					s, ok := el.(string)
					if !ok {
						continue
					}
					if key == "files" {
						// "key=path" names the key of the file's data.
						if _, p, found := strings.Cut(s, "="); found {
							s = p
						}
					}
					out = append(out, reference{path: parsers.Path{f}.Index(i).Child(key).Index(j), value: s})
				}
			}
			if s, ok := obj["env"].(string); ok {
				out = append(out, reference{path: parsers.Path{f}.Index(i).Child("env"), value: s})
			}
		}
	}
	if o, ok := m["openapi"].(map[string]any); ok {
		if s, ok := o["path"].(string); ok {
			out = append(out, reference{path: parsers.Path{"openapi", "path"}, value: s})
		}
	}
	return out
}

// configs lists the entries of generators, transformers and validators:
// inline configuration or files of configuration.
func configs(v any) []reference {
	m, _ := v.(map[string]any)
	var out []reference
	for _, f := range configFields {
		items, _ := m[f].([]any)
		for i, it := range items {
			if s, ok := it.(string); ok {
				out = append(out, reference{path: parsers.Path{f}.Index(i), value: s})
			}
		}
	}
	return out
}

// firstRemote finds a remote-looking string in a configuration value.
func firstRemote(v any) (string, bool) {
	switch x := v.(type) {
	case string:
		return x, remoteRef(x)
	case []any:
		for _, el := range x {
			if s, ok := firstRemote(el); ok {
				return s, true
			}
		}
	case map[string]any:
		for _, el := range x {
			if s, ok := firstRemote(el); ok {
				return s, true
			}
		}
	}
	return "", false
}

// scpUser is the user part of an scp-style git address (git@host:org/repo).
var scpUser = regexp.MustCompile(`^[a-zA-Z][a-zA-Z0-9-]*@`)

// remoteRef reports whether kustomize could take s for something to
// fetch: a URL of any scheme (it downloads http and https files and
// clones ssh, https, http and file repositories), an scp-style git
// address, a GitHub path without a scheme (github.com/org/repo or
// gh:org/repo), or anything starting with such a scheme (https:/host, a
// single slash). It accepts more than kustomize does (any "://"), never
// less.
func remoteRef(s string) bool {
	s = strings.TrimSpace(s)
	lower := strings.ToLower(s)
	lower = strings.TrimPrefix(lower, "git::")
	for _, scheme := range []string{"http:", "https:", "file:", "ssh:", "gh:"} {
		// url.Parse, which kustomize asks, takes https:/host/x for a URL.
		if strings.HasPrefix(lower, scheme) {
			return true
		}
	}
	return strings.Contains(lower, "://") ||
		scpUser.MatchString(lower) ||
		strings.HasPrefix(lower, "github.com/") || strings.HasPrefix(lower, "github.com:")
}
