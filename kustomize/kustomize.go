// Package kustomize builds Kustomize kustomizations so that an overlay is
// judged as what it deploys. A GitOps repository applies overlays
// (`kustomize build overlays/prod`), not the files they are made of: a
// patch of two lines can turn `privileged: true` on for production while
// every base file stays compliant. Wrap hands each kustomization file to a
// parser whose documents are the kustomization itself (as before, for
// policies about kustomizations) followed by everything it builds, built
// in process with kustomize's own library.
//
// Lines: every value of a built document is placed on the line of the
// kustomization that brought it in (the resources entry of its base, the
// patches entry of the patch that set it, the images or namespace field
// that changed it), and, when the value is written in another file of the
// repository (the base's manifest, the patch), that file and line become
// the document's origin (parsers.Document.Origins).
//
// A build reads nothing outside the repository and nothing remote: a
// kustomization that names a remote base or file is refused before
// anything is built (kustomize would clone or download it), plugins and
// Helm inflation are off (kustomize's defaults), links out of the
// repository are not followed, and the build is bounded in time.
package kustomize

import (
	"context"
	"crypto/sha256"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"sigs.k8s.io/kustomize/api/krusty"
	"sigs.k8s.io/kustomize/api/types"
	"sigs.k8s.io/kustomize/kyaml/openapi"
	sigsyaml "sigs.k8s.io/yaml"

	"github.com/infragate/infragate/internal/fspath"
	"github.com/infragate/infragate/parsers"
)

// Options configures building.
type Options struct {
	// Dir resolves relative names; "" is the working directory.
	Dir string
	// Root bounds what a build may read: the repository. "" means the
	// nearest directory above the kustomization that holds .git, else Dir.
	Root string
	// Timeout bounds one build; 0 is DefaultTimeout.
	Timeout time.Duration
	// MaxFileSize bounds each file a build reads; 0 is no limit.
	MaxFileSize int64
	// Patches finds the files kustomizations name as patches; nil is a
	// new one. Sharing one with the caller's look-ups (named files) reads
	// each directory once.
	Patches *Patches
}

// DefaultTimeout bounds one build when Options.Timeout is 0.
const DefaultTimeout = time.Minute

// originAnnotation is the annotation kustomize writes, when asked, with
// the file a resource comes from.
const originAnnotation = "config.kubernetes.io/origin"

// Wrap returns a copy of reg whose YAML parser builds kustomizations (see
// Parser).
func Wrap(reg parsers.Registry, opts Options) (parsers.Registry, error) {
	base, ok := reg[parsers.YAML]
	if !ok {
		return nil, fmt.Errorf("kustomize builds need the %s parser", parsers.YAML)
	}
	out := maps.Clone(reg)
	out[parsers.YAML] = NewParser(base, opts)
	return out, nil
}

// Parser is the YAML parser with kustomization files handed to a builder
// (parsers.Chooser). Each kustomization is built once per content; Parser
// is safe for concurrent use.
type Parser struct {
	base parsers.Parser
	opts Options

	mu     sync.Mutex
	builds map[string]*build // by absolute name and digest of the bytes
}

// NewParser wraps base.
func NewParser(base parsers.Parser, opts Options) *Parser {
	if opts.Timeout <= 0 {
		opts.Timeout = DefaultTimeout
	}
	if dir, err := filepath.Abs(opts.Dir); err == nil {
		opts.Dir = dir
	}
	if opts.Root != "" {
		if root, err := filepath.Abs(opts.Root); err == nil {
			opts.Root = root
		}
	}
	if opts.Patches == nil {
		opts.Patches = NewPatches(opts.MaxFileSize)
	}
	return &Parser{base: base, opts: opts, builds: map[string]*build{}}
}

// Parse parses a file as its chosen parser would.
func (p *Parser) Parse(filename string, src []byte) ([]parsers.Document, error) {
	return p.ParserFor(filename).Parse(filename, src)
}

// ParserFor returns a Kustomization for a kustomization file, a Patch for
// a file that a kustomization in its directory or above names as a patch,
// and the wrapped parser's choice for any other.
func (p *Parser) ParserFor(filename string) parsers.Parser {
	if IsKustomization(filename) {
		return &Kustomization{parser: p, abs: p.abs(filename)}
	}
	if k, ok := p.opts.Patches.Of(p.abs(filename)); ok {
		return &Patch{base: parsers.For(p.base, filename), Kustomization: k}
	}
	return parsers.For(p.base, filename)
}

// Patch reads a file that a kustomization names as a patch. A patch holds
// only what it changes (a strategic-merge patch is a partial manifest, a
// JSON patch a list of operations): judged on its own, it would be a
// Deployment without containers' limits, probes or security context. It
// is judged as part of what its kustomization builds, so it has no
// documents of its own; a syntax error is still its own.
type Patch struct {
	base parsers.Parser
	// Kustomization names the kustomization that names the patch.
	Kustomization string
}

// Parse checks the patch's syntax and returns no documents.
func (pt *Patch) Parse(filename string, src []byte) ([]parsers.Document, error) {
	if _, err := pt.base.Parse(filename, src); err != nil {
		return nil, err
	}
	return nil, nil
}

// ContentOnly is false: whether a file is a patch depends on its place.
func (*Patch) ContentOnly() bool { return false }

// ID names the parser for the result cache: a patch's result (its syntax
// errors) depends on its bytes alone once it is known to be a patch.
func (*Patch) ID() string { return "kustomize-patch" }

// abs makes a name absolute against Options.Dir (itself absolute).
func (p *Parser) abs(name string) string {
	if filepath.IsAbs(name) {
		return filepath.Clean(name)
	}
	return filepath.Join(p.opts.Dir, name)
}

// name gives the file at abs a name as filename was given: absolute, or
// relative to Options.Dir, so that a file has one name however it is
// reached (base/pod.yaml, not overlays/prod/../../base/pod.yaml nor, from
// base/, ../base/pod.yaml). Slash-separated.
func (p *Parser) name(filename, abs string) string {
	if !filepath.IsAbs(filename) {
		if rel, err := filepath.Rel(p.opts.Dir, abs); err == nil {
			return filepath.ToSlash(rel)
		}
	}
	return filepath.ToSlash(abs)
}

// root is the directory a build of the kustomization at abs may read.
func (p *Parser) root(abs string) string {
	if p.opts.Root != "" {
		return p.opts.Root
	}
	if d, ok := fspath.GitRoot(filepath.Dir(abs)); ok {
		return d
	}
	if fspath.Within(p.opts.Dir, abs) {
		return p.opts.Dir
	}
	return filepath.Dir(abs)
}

// Kustomization parses one kustomization file: the file's own document,
// then what it builds.
type Kustomization struct {
	parser *Parser
	abs    string
}

// ID names what decides the result (for the result cache): every file the
// build read.
func (k *Kustomization) ID() string {
	src, err := os.ReadFile(k.abs)
	if err != nil {
		return "kustomize/unreadable/" + k.abs
	}
	b := k.parser.build(context.Background(), k.abs, src)
	return "kustomize/" + b.digest
}

// ContentOnly is false: what a kustomization builds depends on other files.
func (*Kustomization) ContentOnly() bool { return false }

// Parse returns the kustomization's own document and the documents it
// builds, numbered after it. A kustomization that does not build is a
// parse error (kustomize build would fail too); a Component is not built
// on its own (it is built with the kustomizations that name it).
func (k *Kustomization) Parse(filename string, src []byte) ([]parsers.Document, error) {
	own, err := k.parser.base.Parse(filename, src)
	if err != nil {
		return nil, err
	}
	if len(own) != 1 || isComponent(own[0].Value) {
		return own, nil
	}
	b := k.parser.build(context.Background(), k.abs, src)
	// The documents are the caller's now: a build is kept only between
	// ID and Parse, not for the rest of the run.
	k.parser.forget(k.abs, src)
	if b.err != nil {
		e := *b.err
		if e.File == k.abs || e.File == "" {
			e.File = filename
		} else if rel, err := filepath.Rel(filepath.Dir(k.abs), e.File); err == nil {
			// A kustomization it names is at fault: the error is reported
			// on this file (the one being judged), on the entry that
			// leads there, naming the other.
			e.Msg = fmt.Sprintf("%s:%d: %s", filepath.ToSlash(filepath.Join(filepath.Dir(filename), rel)), e.Line, e.Msg)
			e.File, e.Line, e.Col = filename, entryLine(own[0], filepath.Dir(k.abs), e.File), 0
		}
		return nil, &e
	}
	docs := own
	dir := filepath.Dir(k.abs)
	for _, d := range b.docs {
		d.Index = len(docs)
		if len(d.Origins) > 0 {
			origins := make(map[string]parsers.Origin, len(d.Origins))
			for ptr, o := range d.Origins {
				o.File = k.parser.name(filename, filepath.Join(dir, filepath.FromSlash(o.File)))
				origins[ptr] = o
			}
			d.Origins = origins
		}
		docs = append(docs, d)
	}
	return docs, nil
}

// entryLine is the line of the kustomization's entry (kdoc, in dir) whose
// directory holds file, else its first line.
func entryLine(kdoc parsers.Document, dir, file string) int {
	line, best := 1, -1
	for _, ref := range references(kdoc.Value) {
		sub := filepath.Join(dir, filepath.FromSlash(ref.value))
		if ref.dir && fspath.Within(sub, file) && len(sub) > best {
			if r, ok := kdoc.Map.Exact(ref.path); ok {
				line, best = r.StartLine, len(sub)
			}
		}
	}
	return line
}

// isComponent reports whether a kustomization document is a Component.
func isComponent(v any) bool {
	m, _ := v.(map[string]any)
	kind, _ := m["kind"].(string)
	return kind == "Component"
}

// build is one kustomization built from one content.
type build struct {
	once   sync.Once
	docs   []parsers.Document // origins relative to the kustomization's directory
	err    *parsers.ParseError
	digest string
}

// buildKey names the build of the kustomization at abs with content src.
func buildKey(abs string, src []byte) string {
	return fmt.Sprintf("%s\x00%x", abs, sha256.Sum256(src))
}

// forget drops a build: its documents are not held after they are parsed.
func (p *Parser) forget(abs string, src []byte) {
	p.mu.Lock()
	delete(p.builds, buildKey(abs, src))
	p.mu.Unlock()
}

// build builds the kustomization at abs with src as its content, once
// until forgotten.
func (p *Parser) build(ctx context.Context, abs string, src []byte) *build {
	key := buildKey(abs, src)
	p.mu.Lock()
	b, ok := p.builds[key]
	if !ok {
		b = &build{}
		p.builds[key] = b
	}
	p.mu.Unlock()
	b.once.Do(func() {
		fsys, err := newBoundFS(p.root(abs), p.opts.MaxFileSize)
		if err != nil {
			b.err = &parsers.ParseError{File: abs, Line: 1, Msg: err.Error()}
			return
		}
		b.docs, b.err = p.run(ctx, fsys, abs, src)
		b.digest = fsys.digest()
	})
	return b
}

// run builds the kustomization at abs (content src) on fsys.
func (p *Parser) run(ctx context.Context, fsys *boundFS, abs string, src []byte) ([]parsers.Document, *parsers.ParseError) {
	own, err := p.base.Parse(abs, src)
	if err != nil || len(own) != 1 {
		return nil, &parsers.ParseError{File: abs, Line: 1, Msg: "the kustomization is not one YAML document"}
	}
	kdoc := own[0]
	kmap, ok := kdoc.Value.(map[string]any)
	if !ok {
		return nil, &parsers.ParseError{File: abs, Line: kdoc.Range.StartLine, Msg: "the kustomization is not a mapping"}
	}
	fsys.setOverride(abs, src)
	scanned := scan(fsys, p.base, abs)
	if scanned.problem != nil {
		return nil, scanned.problem
	}
	// Ask for origin annotations (taken off again below unless the
	// kustomization asks for them itself).
	injected, asked := withOrigins(kmap)
	data, err := sigsyaml.Marshal(injected)
	if err != nil {
		return nil, &parsers.ParseError{File: abs, Line: 1, Msg: err.Error()}
	}
	fsys.setOverride(abs, data)

	yamlOut, err := runKrusty(ctx, fsys, filepath.Dir(abs), p.opts.Timeout, scanned.openAPI)
	if err != nil {
		return nil, buildError(abs, []string{fsys.bound, fsys.given}, kdoc, err)
	}
	docs, err := p.base.Parse(abs, yamlOut)
	if err != nil {
		return nil, &parsers.ParseError{File: abs, Line: 1, Msg: "the build's output is not YAML: " + err.Error()}
	}
	pl := newPlacer(fsys, p.base, abs, src, kdoc)
	out := make([]parsers.Document, 0, len(docs))
	for _, d := range docs {
		origin := takeOrigin(d.Value, !asked)
		out = append(out, pl.place(d.Value, origin))
	}
	return out, nil
}

// withOrigins returns the kustomization with originAnnotations in its
// buildMetadata, and whether it had them already.
func withOrigins(k map[string]any) (map[string]any, bool) {
	meta, _ := k["buildMetadata"].([]any)
	for _, m := range meta {
		if m == types.OriginAnnotations {
			return k, true
		}
	}
	out := maps.Clone(k)
	out["buildMetadata"] = append(slices.Clone(meta), types.OriginAnnotations)
	return out, false
}

// openAPIMu guards kustomize's OpenAPI schema, which is the process's
// (kyaml keeps it in package variables): a build whose kustomizations set
// their own schema (an openapi field) runs alone and resets it after, so
// that no other build sees it; the others share it.
var openAPIMu sync.RWMutex

// runKrusty runs kustomize's build of dir, bounded by timeout (kustomize
// cannot be cancelled: a build past its time is left to finish alone).
// ownSchema is set when a kustomization of the build has an openapi field.
func runKrusty(ctx context.Context, fsys *boundFS, dir string, timeout time.Duration, ownSchema bool) ([]byte, error) {
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	type result struct {
		out []byte
		err error
	}
	done := make(chan result, 1)
	go func() {
		defer func() {
			if r := recover(); r != nil {
				done <- result{err: fmt.Errorf("kustomize failed: %v", r)}
			}
		}()
		if ownSchema {
			openAPIMu.Lock()
			defer openAPIMu.Unlock()
			defer openapi.ResetOpenAPI()
		} else {
			openAPIMu.RLock()
			defer openAPIMu.RUnlock()
		}
		opts := krusty.MakeDefaultOptions()
		opts.Reorder = krusty.ReorderOptionNone
		m, err := krusty.MakeKustomizer(opts).Run(fsys, dir)
		if err != nil {
			done <- result{err: err}
			return
		}
		out, err := m.AsYaml()
		done <- result{out: out, err: err}
	}()
	select {
	case r := <-done:
		return r.out, r.err
	case <-ctx.Done():
		return nil, fmt.Errorf("kustomize build took longer than %s", timeout)
	}
}

// buildError is a build's error on the line of the kustomization entry it
// names, else on the kustomization's first line, with names relative to
// the repository (roots: its directory, with and without links resolved).
func buildError(abs string, roots []string, kdoc parsers.Document, err error) *parsers.ParseError {
	msg := err.Error()
	line := kdoc.Range.StartLine
	best := 0
	for _, ref := range references(kdoc.Value) {
		if len(ref.value) > best && strings.Contains(msg, ref.value) {
			if r, ok := kdoc.Map.Exact(ref.path); ok {
				line, best = r.StartLine, len(ref.value)
			}
		}
	}
	for _, root := range roots {
		msg = strings.ReplaceAll(msg, root+string(filepath.Separator), "")
		msg = strings.ReplaceAll(msg, "'"+root+"'", "'.'")
		msg = strings.ReplaceAll(msg, root, ".")
	}
	if file, ok := missingFile(msg); ok {
		msg = file + ": no such file or directory"
	}
	return &parsers.ParseError{File: abs, Line: max(line, 1), Msg: "kustomize build: " + msg}
}

// missingFile returns the file a build error (msg) says does not exist,
// when that is its cause. Kustomize names it several times through layers
// of wrapping ("accumulating resources ... evalsymlink failure on 'F' :
// lstat F: no such file or directory ... must build at directory ..."), a
// patch's error with its YAML configuration over several lines; the file
// named once says the same.
func missingFile(msg string) (string, bool) {
	const failure = "evalsymlink failure on '"
	i := strings.LastIndex(msg, failure)
	if i < 0 {
		return "", false
	}
	file, rest, ok := strings.Cut(msg[i+len(failure):], "' : lstat ")
	if !ok || file == "" {
		return "", false
	}
	if _, cause, ok := strings.Cut(rest, ": "); !ok || !strings.HasPrefix(cause, "no such file or directory") {
		return "", false
	}
	return file, true
}

// origin is what kustomize's origin annotation says about a resource.
type origin struct {
	Path         string `json:"path"`
	Repo         string `json:"repo"`
	ConfiguredIn string `json:"configuredIn"`
	ConfiguredBy struct {
		Kind string `json:"kind"`
		Name string `json:"name"`
	} `json:"configuredBy"`
}

// takeOrigin reads a built document's origin annotation, and takes it off
// when remove is set (it was asked for by the build, not the user).
func takeOrigin(v any, remove bool) origin {
	var o origin
	m, _ := v.(map[string]any)
	meta, _ := m["metadata"].(map[string]any)
	ann, _ := meta["annotations"].(map[string]any)
	s, ok := ann[originAnnotation].(string)
	if !ok {
		return o
	}
	_ = sigsyaml.Unmarshal([]byte(s), &o)
	if remove {
		delete(ann, originAnnotation)
		if len(ann) == 0 {
			delete(meta, "annotations")
		}
	}
	return o
}
