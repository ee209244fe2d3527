package kustomize

import (
	"encoding/json"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/infragate/infragate/parsers"
)

// placer gives the built documents of one kustomization their lines: in
// the kustomization (Document.Map) and in the files the values are
// written in (Document.Origins).
type placer struct {
	fsys    *boundFS
	yaml    parsers.Parser
	dir     string // the kustomization's directory
	kdoc    parsers.Document
	files   map[string][]parsers.Document // parsed files, by absolute name
	patches []patchFile
}

// patchFile is a strategic-merge patch file that the kustomization names.
type patchFile struct {
	entry  parsers.Path // its entry in the kustomization
	abs    string
	docs   []parsers.Document
	kind   string // the target's kind and name, when the entry names them
	name   string
	target bool
}

func newPlacer(fsys *boundFS, yaml parsers.Parser, abs string, kdoc parsers.Document) *placer {
	pl := &placer{fsys: fsys, yaml: yaml, dir: filepath.Dir(abs), kdoc: kdoc, files: map[string][]parsers.Document{}}
	k, _ := kdoc.Value.(map[string]any)
	items, _ := k["patches"].([]any)
	for i, it := range items {
		obj, _ := it.(map[string]any)
		file, ok := obj["path"].(string)
		if !ok {
			continue
		}
		pf := patchFile{entry: parsers.Path{"patches"}.Index(i).Child("path"), abs: filepath.Join(pl.dir, file)}
		if t, ok := obj["target"].(map[string]any); ok {
			pf.target = true
			pf.kind, _ = t["kind"].(string)
			pf.name, _ = t["name"].(string)
		}
		pf.docs = pl.file(pf.abs)
		pl.patches = append(pl.patches, pf)
	}
	psm, _ := k["patchesStrategicMerge"].([]any)
	for i, it := range psm {
		if file, ok := it.(string); ok && !strings.Contains(file, "\n") {
			abs := filepath.Join(pl.dir, file)
			pl.patches = append(pl.patches, patchFile{entry: parsers.Path{"patchesStrategicMerge"}.Index(i), abs: abs, docs: pl.file(abs)})
		}
	}
	return pl
}

// file parses a file of the build (once).
func (pl *placer) file(abs string) []parsers.Document {
	if docs, ok := pl.files[abs]; ok {
		return docs
	}
	var docs []parsers.Document
	if data, err := pl.fsys.ReadFile(abs); err == nil {
		docs, _ = pl.yaml.Parse(abs, data)
	}
	pl.files[abs] = docs
	return docs
}

// rel names a file of the build relative to the kustomization's directory.
func (pl *placer) rel(abs string) string {
	if r, err := filepath.Rel(pl.dir, abs); err == nil {
		return filepath.ToSlash(r)
	}
	return filepath.ToSlash(abs)
}

// place returns a built document (its value, and what its origin
// annotation said) with its lines.
func (pl *placer) place(v any, o origin) parsers.Document {
	entry := pl.entry(v, o)
	doc := parsers.Document{Value: v, Range: entry, Map: &parsers.SourceMap{}}
	var from *parsers.Document // the document the resource was read from
	var fromAbs string
	if o.Path != "" && o.Repo == "" {
		fromAbs = filepath.Join(pl.dir, filepath.FromSlash(o.Path))
		from = source(pl.file(fromAbs), v)
	}
	var patches []*parsers.Document
	var patchFiles []patchFile
	for _, pf := range pl.patches {
		if d := pf.applying(v, from); d != nil {
			patches = append(patches, d)
			patchFiles = append(patchFiles, pf)
		}
	}
	origins := map[string]parsers.Origin{}
	var walk func(p parsers.Path, x any)
	walk = func(p parsers.Path, x any) {
		rng := entry
		scalar := true
		switch c := x.(type) {
		case map[string]any:
			scalar = false
			for key, el := range c {
				walk(p.Child(key), el)
			}
		case []any:
			scalar = false
			for i, el := range c {
				walk(p.Index(i), el)
			}
		}
		placed := false
		// A value the base writes is the base's, even when a patch
		// repeats it (a container's name is how a patch finds it); a
		// value only a patch writes is the patch's.
		if from != nil {
			if fv, ok := get(from.Value, p); ok && (!scalar || sameScalar(fv, x)) {
				if r, ok := from.Map.Exact(p); ok {
					origins[p.String()] = parsers.Origin{File: pl.rel(fromAbs), Range: r}
				}
				placed = true
			}
		}
		if !placed && scalar {
			for i, pd := range patches {
				if pv, ok := get(pd.Value, p); ok && sameScalar(pv, x) {
					if r, ok := pl.kdoc.Map.Exact(patchFiles[i].entry); ok {
						rng = r
					}
					if r, ok := pd.Map.Exact(p); ok {
						origins[p.String()] = parsers.Origin{File: pl.rel(patchFiles[i].abs), Range: r}
					}
					placed = true
					break
				}
			}
		}
		if !placed && !scalar {
			for i, pd := range patches {
				if _, ok := get(pd.Value, p); ok {
					if r, ok := pl.kdoc.Map.Exact(patchFiles[i].entry); ok {
						rng = r
					}
					if r, ok := pd.Map.Exact(p); ok {
						origins[p.String()] = parsers.Origin{File: pl.rel(patchFiles[i].abs), Range: r}
					}
					placed = true
					break
				}
			}
		}
		if !placed {
			// Not written in a file it came from: a field of the
			// kustomization changed it (images, namespace, labels...).
			if f := pl.transformer(p); f != nil {
				if r, ok := pl.kdoc.Map.Exact(f); ok {
					rng = r
				}
			}
		}
		doc.Map.Set(p, rng)
	}
	walk(parsers.Path{}, v)
	doc.Map.Set(parsers.Path{}, entry)
	if from != nil {
		if r, ok := from.Map.Exact(parsers.Path{}); ok {
			origins[""] = parsers.Origin{File: pl.rel(fromAbs), Range: r}
		} else {
			origins[""] = parsers.Origin{File: pl.rel(fromAbs), Range: from.Range}
		}
	}
	if len(origins) > 0 {
		doc.Origins = origins
	}
	return doc
}

// entry is the range of the kustomization entry a built document came
// through: the resources (or bases, components) entry naming its file or
// a directory above it, the generator that made it, else the whole
// kustomization.
func (pl *placer) entry(v any, o origin) parsers.Range {
	whole := pl.kdoc.Range
	if o.Path != "" && o.Repo == "" {
		target := filepath.Join(pl.dir, filepath.FromSlash(o.Path))
		best, bestLen := whole, -1
		for _, ref := range references(pl.kdoc.Value) {
			if !ref.dir {
				continue
			}
			abs := filepath.Join(pl.dir, filepath.FromSlash(ref.value))
			if (abs == target || within(abs, target)) && len(abs) > bestLen {
				if r, ok := pl.kdoc.Map.Exact(ref.path); ok {
					best, bestLen = r, len(abs)
				}
			}
		}
		return best
	}
	field := ""
	switch o.ConfiguredBy.Kind {
	case "ConfigMapGenerator":
		field = "configMapGenerator"
	case "SecretGenerator":
		field = "secretGenerator"
	default:
		return whole
	}
	k, _ := pl.kdoc.Value.(map[string]any)
	items, _ := k[field].([]any)
	name := nameOf(v)
	for i, it := range items {
		obj, _ := it.(map[string]any)
		if n, _ := obj["name"].(string); n != "" && strings.Contains(name, n) {
			if r, ok := pl.kdoc.Map.Exact(parsers.Path{field}.Index(i)); ok {
				return r
			}
		}
	}
	if r, ok := pl.kdoc.Map.Exact(parsers.Path{field}); ok {
		return r
	}
	return whole
}

// transformer is the kustomization field that may have changed the value
// at p, if the kustomization has it.
func (pl *placer) transformer(p parsers.Path) parsers.Path {
	k, _ := pl.kdoc.Value.(map[string]any)
	var candidates []string
	last := ""
	if len(p) > 0 {
		last = p[len(p)-1]
	}
	joined := strings.Join(p, "/")
	switch {
	case last == "image":
		candidates = []string{"images"}
	case joined == "metadata/namespace":
		candidates = []string{"namespace"}
	case joined == "metadata/name":
		candidates = []string{"namePrefix", "nameSuffix"}
	case strings.Contains(joined, "labels/") || strings.Contains(joined, "matchLabels/") || strings.HasSuffix(joined, "selector/"+last):
		candidates = []string{"labels", "commonLabels"}
	case strings.Contains(joined, "annotations/"):
		candidates = []string{"commonAnnotations"}
	case joined == "spec/replicas":
		candidates = []string{"replicas"}
	}
	for _, c := range candidates {
		if _, ok := k[c]; ok {
			return parsers.Path{c}
		}
	}
	return nil
}

// applying returns the document of the patch file that patches v (read
// from the document from), if any.
func (pf patchFile) applying(v any, from *parsers.Document) *parsers.Document {
	kind := kindOf(v)
	var names []string
	names = append(names, nameOf(v))
	if from != nil {
		names = append(names, nameOf(from.Value))
	}
	for i := range pf.docs {
		d := &pf.docs[i]
		if _, ok := d.Value.(map[string]any); !ok {
			continue // a JSON 6902 patch (a list of operations)
		}
		if pf.target {
			if (pf.kind == "" || pf.kind == kind) && (pf.name == "" || contains(names, pf.name)) {
				return d
			}
			continue
		}
		if kindOf(d.Value) == kind && contains(names, nameOf(d.Value)) {
			return d
		}
	}
	return nil
}

// source is the document of a file that a built document v was read from:
// the one of its kind whose name is the longest part of v's (a prefix or
// a suffix may have been added).
func source(docs []parsers.Document, v any) *parsers.Document {
	kind, name := kindOf(v), nameOf(v)
	var best *parsers.Document
	bestLen := -1
	for i := range docs {
		d := &docs[i]
		n := nameOf(d.Value)
		if kindOf(d.Value) == kind && strings.Contains(name, n) && len(n) > bestLen {
			best, bestLen = d, len(n)
		}
	}
	return best
}

func kindOf(v any) string {
	m, _ := v.(map[string]any)
	s, _ := m["kind"].(string)
	return s
}

func nameOf(v any) string {
	m, _ := v.(map[string]any)
	meta, _ := m["metadata"].(map[string]any)
	s, _ := meta["name"].(string)
	return s
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// get returns the value at p in v.
func get(v any, p parsers.Path) (any, bool) {
	for _, key := range p {
		switch c := v.(type) {
		case map[string]any:
			el, ok := c[key]
			if !ok {
				return nil, false
			}
			v = el
		case []any:
			i, err := strconv.Atoi(key)
			if err != nil || i < 0 || i >= len(c) {
				return nil, false
			}
			v = c[i]
		default:
			return nil, false
		}
	}
	return v, true
}

// sameScalar reports whether two scalars are the same value.
func sameScalar(a, b any) bool {
	switch x := a.(type) {
	case map[string]any, []any:
		return false
	case json.Number:
		y, ok := b.(json.Number)
		if !ok {
			return false
		}
		if x == y {
			return true
		}
		fx, e1 := x.Float64()
		fy, e2 := y.Float64()
		return e1 == nil && e2 == nil && fx == fy
	}
	switch b.(type) {
	case map[string]any, []any:
		return false
	}
	return a == b
}
