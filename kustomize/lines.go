package kustomize

import (
	"encoding/json"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/infragate/infragate/internal/fspath"
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
	trees   map[string][]string           // the files a directory's kustomization tree names
	patches []patchSource
}

// patchSource is a patch that a kustomization of the build applies: a
// strategic-merge patch (docs) or JSON 6902 operations (ops), in a file
// or written in the kustomization itself.
type patchSource struct {
	// entry is its entry in the top kustomization; nil for a patch of a
	// kustomization below it (a value it sets is placed on the entry the
	// document came through).
	entry parsers.Path
	// file is the file its lines are in, for origins: the patch file, or
	// the kustomization that holds it inline. inTop is set when that is
	// the top kustomization: the lines are then the subject's own.
	file  string
	inTop bool
	// lined is set when docs' and ops' maps have lines of file (a patch
	// file, or an inline literal block); otherwise values are placed on
	// the entry only.
	lined bool
	docs  []parsers.Document
	ops   []jsonOp
	// The target's kind and name, when the entry names them.
	kind, name string
	target     bool
}

// jsonOp is a JSON 6902 operation that writes a value.
type jsonOp struct {
	path  parsers.Path // where, in the document
	value any
	doc   *parsers.Document // the operations, for lines
	at    parsers.Path      // the operation in doc
}

func newPlacer(fsys *boundFS, yaml parsers.Parser, abs string, src []byte, kdoc parsers.Document) *placer {
	pl := &placer{fsys: fsys, yaml: yaml, dir: filepath.Dir(abs), kdoc: kdoc, files: map[string][]parsers.Document{}, trees: map[string][]string{}}
	pl.patches = pl.patchesOf(abs, src, kdoc, true)
	// The patches of the kustomizations below it (an intermediate
	// overlay's) were applied too.
	for _, f := range fsys.files() {
		if f == abs || !IsKustomization(f) {
			continue
		}
		data, err := fsys.ReadFile(f)
		if err != nil {
			continue
		}
		docs, err := yaml.Parse(f, data)
		if err != nil || len(docs) != 1 {
			continue
		}
		pl.patches = append(pl.patches, pl.patchesOf(f, data, docs[0], false)...)
	}
	return pl
}

// patchesOf lists the patches of the kustomization kfile (its bytes src,
// its document kdoc).
func (pl *placer) patchesOf(kfile string, src []byte, kdoc parsers.Document, top bool) []patchSource {
	dir := filepath.Dir(kfile)
	k, _ := kdoc.Value.(map[string]any)
	var out []patchSource
	add := func(entry parsers.Path, obj map[string]any, fileKey, inlineKey string) {
		ps := patchSource{}
		if top {
			ps.entry = entry
		}
		if t, ok := obj["target"].(map[string]any); ok {
			ps.target = true
			ps.kind, _ = t["kind"].(string)
			ps.name, _ = t["name"].(string)
		}
		var docs []parsers.Document
		if file, ok := obj[fileKey].(string); ok && fileKey != "" {
			ps.file = filepath.Join(dir, filepath.FromSlash(file))
			ps.lined = true
			docs = pl.file(ps.file)
		} else if text, ok := obj[inlineKey].(string); ok {
			ps.file, ps.inTop = kfile, top
			docs, _ = pl.yaml.Parse(kfile, []byte(text))
			if base, ok := literalBlock(src, kdoc, entry.Child(inlineKey)); ok {
				for i := range docs {
					docs[i].Map = shift(docs[i].Map, base)
				}
				ps.lined = true
			}
		}
		for i := range docs {
			d := &docs[i]
			switch x := d.Value.(type) {
			case []any:
				for j, el := range x {
					if op, ok := jsonOpOf(el, d, parsers.Path{strconv.Itoa(j)}); ok {
						ps.ops = append(ps.ops, op)
					}
				}
			default:
				// A file holding one list is read as a document per
				// element (as conftest reads it).
				if op, ok := jsonOpOf(x, d, parsers.Path{}); ok {
					ps.ops = append(ps.ops, op)
				} else if !isOp(x) {
					ps.docs = append(ps.docs, *d)
				}
			}
		}
		out = append(out, ps)
	}
	items, _ := k["patches"].([]any)
	for i, it := range items {
		obj, _ := it.(map[string]any)
		add(parsers.Path{"patches"}.Index(i), obj, "path", "patch")
	}
	items, _ = k["patchesJson6902"].([]any)
	for i, it := range items {
		obj, _ := it.(map[string]any)
		add(parsers.Path{"patchesJson6902"}.Index(i), obj, "path", "patch")
	}
	items, _ = k["patchesStrategicMerge"].([]any)
	for i, it := range items {
		s, ok := it.(string)
		if !ok {
			continue
		}
		entry := parsers.Path{"patchesStrategicMerge"}.Index(i)
		if strings.Contains(s, "\n") {
			// Inline: the entry itself is the block.
			ps := patchSource{file: kfile, inTop: top}
			if top {
				ps.entry = entry
			}
			docs, _ := pl.yaml.Parse(kfile, []byte(s))
			if base, ok := literalBlock(src, kdoc, entry); ok {
				for j := range docs {
					docs[j].Map = shift(docs[j].Map, base)
				}
				ps.lined = true
			}
			ps.docs = docs
			out = append(out, ps)
			continue
		}
		add(entry, map[string]any{"path": s}, "path", "")
	}
	return out
}

// literalBlock returns the number of lines before the text of the literal
// block scalar (`patch: |`) at p in the kustomization, whose lines are
// then the text's lines; ok is false for any other style (a folded or
// quoted string's lines are not the text's).
func literalBlock(src []byte, kdoc parsers.Document, p parsers.Path) (int, bool) {
	r, ok := kdoc.Map.Exact(p)
	if !ok || r.StartLine < 1 {
		return 0, false
	}
	lines := strings.Split(string(src), "\n")
	if r.StartLine > len(lines) {
		return 0, false
	}
	line := lines[r.StartLine-1]
	if r.StartCol > 0 && r.StartCol-1 < len(line) {
		line = line[r.StartCol-1:]
	}
	// A mapping value's range starts at its key: the style follows ":".
	if rest := strings.TrimSpace(line); !strings.HasPrefix(rest, "|") {
		if _, after, ok := strings.Cut(line, ":"); ok {
			line = after
		}
	}
	if !strings.HasPrefix(strings.TrimSpace(line), "|") {
		return 0, false
	}
	return r.StartLine, true
}

// shift moves a source map's lines down by n (and drops its columns).
func shift(m *parsers.SourceMap, n int) *parsers.SourceMap {
	out := &parsers.SourceMap{}
	for _, e := range m.Entries() {
		out.Set(parsers.ParsePointer(e.Pointer), parsers.Range{StartLine: e.StartLine + n, EndLine: e.EndLine + n})
	}
	return out
}

// isOp reports whether v is a JSON 6902 operation.
func isOp(v any) bool {
	m, _ := v.(map[string]any)
	_, hasOp := m["op"].(string)
	_, hasPath := m["path"].(string)
	return hasOp && hasPath
}

// jsonOpOf reads a JSON 6902 operation that writes a value (add or
// replace, at a path that names its place).
func jsonOpOf(v any, d *parsers.Document, at parsers.Path) (jsonOp, bool) {
	op, _ := v.(map[string]any)
	kind, _ := op["op"].(string)
	ptr, _ := op["path"].(string)
	value, has := op["value"]
	if !has || (kind != "add" && kind != "replace") || !strings.HasPrefix(ptr, "/") {
		return jsonOp{}, false
	}
	p := parsers.ParsePointer(ptr)
	if len(p) > 0 && p[len(p)-1] == "-" {
		return jsonOp{}, false // appended: the index is not known here
	}
	return jsonOp{path: p, value: value, doc: d, at: at}, true
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

// tree lists the files that the kustomization in dir and those it names
// read (once per directory).
func (pl *placer) tree(dir string) []string {
	if files, ok := pl.trees[dir]; ok {
		return files
	}
	var files []string
	if k, ok := kustomizationIn(pl.fsys, dir); ok {
		files = scan(pl.fsys, pl.yaml, k).files
	}
	pl.trees[dir] = files
	return files
}

// rel names a file of the build relative to the kustomization's directory.
func (pl *placer) rel(abs string) string {
	if r, err := filepath.Rel(pl.dir, abs); err == nil {
		return filepath.ToSlash(r)
	}
	return filepath.ToSlash(abs)
}

// written is where a patch writes a value: the patch's lines (in its
// file), when known.
type written struct {
	ps *patchSource
	r  parsers.Range
	ok bool // r is known
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
	names := []string{nameOf(v)}
	if from != nil {
		names = append(names, nameOf(from.Value))
	}
	var applying []*patchSource
	for i := range pl.patches {
		if pl.patches[i].applies(v, from) {
			applying = append(applying, &pl.patches[i])
		}
	}
	// patched finds the patch that writes the value x at p (any value
	// there, for a block).
	patched := func(p parsers.Path, x any, scalar bool) (written, bool) {
		for _, ps := range applying {
			for i := range ps.docs {
				d := &ps.docs[i]
				if !ps.target && (kindOf(d.Value) != kindOf(v) || !slices.Contains(names, nameOf(d.Value))) {
					continue // a patch of another resource in the same file
				}
				if pv, ok := parsers.ValueAt(d.Value, p); ok && (!scalar || sameScalar(pv, x)) {
					r, ok := d.Map.Exact(p)
					return written{ps: ps, r: r, ok: ok && ps.lined}, true
				}
			}
			for _, op := range ps.ops {
				if len(p) < len(op.path) || !slices.Equal(p[:len(op.path)], op.path) {
					continue
				}
				inner := p[len(op.path):]
				if pv, ok := parsers.ValueAt(op.value, inner); ok && (!scalar || sameScalar(pv, x)) {
					at := append(append(slices.Clone(op.at), "value"), inner...)
					r, ok := op.doc.Map.Exact(at)
					return written{ps: ps, r: r, ok: ok && ps.lined}, true
				}
			}
		}
		return written{}, false
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
			if fv, ok := parsers.ValueAt(from.Value, p); ok && (!scalar || sameScalar(fv, x)) {
				if r, ok := from.Map.Exact(p); ok {
					origins[p.String()] = parsers.Origin{File: pl.rel(fromAbs), Range: r}
				}
				placed = true
			}
		}
		if !placed {
			if w, ok := patched(p, x, scalar); ok {
				placed = true
				switch {
				case w.ps.inTop && w.ok:
					rng = w.r // written in the kustomization, on this line
				case w.ps.entry != nil:
					if r, ok := pl.kdoc.Map.Exact(w.ps.entry); ok {
						rng = r
					}
				}
				if w.ok && !w.ps.inTop {
					origins[p.String()] = parsers.Origin{File: pl.rel(w.ps.file), Range: w.r}
				}
			}
		}
		if !placed {
			// Not written in a file it came from: a field of the
			// kustomization changed it (images, namespace, labels...).
			if f := pl.transformer(p); f != nil {
				if r, ok := pl.kdoc.Map.Exact(pl.transformerEntry(f, x)); ok {
					rng = r
				} else if r, ok := pl.kdoc.Map.Exact(f); ok {
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
			if (abs == target || fspath.Within(abs, target)) && len(abs) > bestLen {
				if r, ok := pl.kdoc.Map.Exact(ref.path); ok {
					best, bestLen = r, len(abs)
				}
			}
		}
		if bestLen >= 0 {
			return best
		}
		// Through another kustomization (an intermediate overlay whose
		// base holds the file): the entry whose tree reads it.
		for _, ref := range references(pl.kdoc.Value) {
			if ref.dir && slices.Contains(pl.tree(filepath.Join(pl.dir, filepath.FromSlash(ref.value))), target) {
				if r, ok := pl.kdoc.Map.Exact(ref.path); ok {
					return r
				}
			}
		}
		return whole
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

// transformerEntry narrows a transformer field to the entry that changed
// the value x: the `images` entry whose name (or newName) is x's image
// name. Other fields are whole.
func (pl *placer) transformerEntry(f parsers.Path, x any) parsers.Path {
	image, _ := x.(string)
	if len(f) != 1 || f[0] != "images" || image == "" {
		return f
	}
	k, _ := pl.kdoc.Value.(map[string]any)
	entries, _ := k["images"].([]any)
	name := imageName(image)
	for i, e := range entries {
		m, _ := e.(map[string]any)
		n, _ := m["name"].(string)
		nn, _ := m["newName"].(string)
		if (nn != "" && nn == name) || (nn == "" && n == name) {
			return f.Index(i)
		}
	}
	return f
}

// imageName is an image reference without its tag and digest.
func imageName(ref string) string {
	if i := strings.IndexByte(ref, '@'); i >= 0 {
		ref = ref[:i]
	}
	if i := strings.LastIndexByte(ref, ':'); i > strings.LastIndexByte(ref, '/') {
		ref = ref[:i]
	}
	return ref
}

// applies reports whether the patch patches v (read from the document
// from): its target's kind and name, or, for a strategic-merge patch
// without a target, a document of v's kind and name.
func (ps *patchSource) applies(v any, from *parsers.Document) bool {
	names := []string{nameOf(v)}
	if from != nil {
		names = append(names, nameOf(from.Value))
	}
	if ps.target {
		return (ps.kind == "" || ps.kind == kindOf(v)) && (ps.name == "" || slices.Contains(names, ps.name))
	}
	for i := range ps.docs {
		d := &ps.docs[i]
		if kindOf(d.Value) == kindOf(v) && slices.Contains(names, nameOf(d.Value)) {
			return true
		}
	}
	return false
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
