// Package tfeval resolves what can be known about a Terraform module
// without a plan (--terraform-eval): input variables from their defaults
// and from .tfvars files, locals, literals and Terraform's pure functions
// (those go-cty implements). It rewrites the documents the HCL parser
// produces, replacing each "${...}" value whose expression is now known by
// that value; anything that depends on a resource, data source, module,
// count/each, path or terraform, or on a function that is not pure, stays
// "${...}".
//
// Evaluation is off by default (conftest's policies expect conftest's
// unevaluated shape); Wrap turns it on for the .tf files a registry
// parses. All the files of a directory form one module, so evaluating one
// file reads its sibling .tf files too.
package tfeval

import (
	"bytes"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/infragate/infragate/parsers"
)

// Options configures evaluation.
type Options struct {
	// VarFiles are variable definitions files (--var-file), applied in
	// order after the module directory's terraform.tfvars and
	// *.auto.tfvars files. Relative names are resolved against Dir.
	VarFiles []string
	// Dir resolves relative file names (those given to Parse and
	// VarFiles); "" is the working directory.
	Dir string
}

// Wrap returns a copy of reg whose HCL parser evaluates .tf files (see
// Parser). It reads the var files now, so a missing or invalid one is an
// error before anything is evaluated.
func Wrap(reg parsers.Registry, opts Options) (parsers.Registry, error) {
	base, ok := reg[parsers.HCL]
	if !ok {
		return nil, fmt.Errorf("terraform evaluation needs the %s parser", parsers.HCL)
	}
	p, err := NewParser(base, opts)
	if err != nil {
		return nil, err
	}
	out := maps.Clone(reg)
	out[parsers.HCL] = p
	return out, nil
}

// Parser wraps the HCL parser: the documents of a .tf file get their known
// values (Module.Apply); other files pass through unchanged. The module of
// each directory is read once per Parser and shared; Parser is safe for
// concurrent use.
type Parser struct {
	base     parsers.Parser
	dir      string
	varFiles []Source

	mu   sync.Mutex
	dirs map[string]*dirModule
}

// dirModule is the module of one directory, loaded on first use.
type dirModule struct {
	once   sync.Once
	files  []Source // module files as on disk, by name
	tfvars []Source
	mod    *Module // the module as a whole (moduleView)

	// terraform is the module as Terraform reads it, for the .tf files
	// that OpenTofu ignores (shadowed); built on first use.
	terraformOnce sync.Once
	terraform     *Module

	mu         sync.Mutex
	standalone map[string]any // by file name, see Parser.standalone
}

// NewParser wraps base. It reads opts.VarFiles now: a file that cannot be
// read or does not parse is an error.
func NewParser(base parsers.Parser, opts Options) (*Parser, error) {
	p := &Parser{base: base, dir: opts.Dir, dirs: map[string]*dirModule{}}
	for _, name := range opts.VarFiles {
		src, err := os.ReadFile(p.abs(name))
		if err != nil {
			return nil, fmt.Errorf("--var-file: %w", err)
		}
		f := Source{Name: name, Src: src}
		if _, ok := parseBody(f); !ok {
			return nil, fmt.Errorf("--var-file %s: not a valid variable definitions file", name)
		}
		p.varFiles = append(p.varFiles, f)
	}
	return p, nil
}

func (p *Parser) abs(name string) string {
	if filepath.IsAbs(name) || p.dir == "" {
		return name
	}
	return filepath.Join(p.dir, name)
}

// Parse implements parsers.Parser. A .tf file with a value left unknown
// because a work budget ran out or one of infragate's bounds was exceeded,
// evaluating it or a variable or local it depends on, is a
// *parsers.ParseError (see spentError).
func (p *Parser) Parse(filename string, src []byte) ([]parsers.Document, error) {
	docs, err := p.base.Parse(filename, src)
	if err != nil || len(docs) == 0 || !isNative(filename) {
		return docs, err
	}
	dir := filepath.Dir(p.abs(filename))
	dm := p.module(dir)
	base := filepath.Base(filename)
	files, onDisk := dm.files, dm.has(base, src)
	if !onDisk {
		// The file being checked differs from (or is missing on) disk, as
		// for standard input: evaluate with its content instead.
		files = []Source{{Name: base, Src: src}}
		for _, f := range dm.files {
			if f.Name != base {
				files = append(files, f)
			}
		}
	}
	// Which tools read the file (see moduleView): in a module with .tofu
	// files, Terraform reads the .tf files and OpenTofu those no .tofu
	// file shadows, so such a file is deployed by both, and both readings
	// are judged: Terraform's is the document, OpenTofu's documents are
	// added where they differ.
	readings := []bool{false} // as moduleView reads the whole module
	if hasOpenTofu(files) && !isOpenTofu(base) {
		readings = []bool{true, false} // Terraform's, then OpenTofu's
		if shadowed(base, files) {
			readings = []bool{true}
		}
	}
	var out []parsers.Document
	for i, terraform := range readings {
		if i > 0 {
			if docs, err = p.base.Parse(filename, src); err != nil {
				return nil, err
			}
		}
		docs, err = p.read(filename, src, docs, dir, dm, files, onDisk, terraform)
		if err != nil {
			return nil, err
		}
		for _, d := range docs {
			if i > 0 && slices.ContainsFunc(out, func(o parsers.Document) bool { return reflect.DeepEqual(o.Value, d.Value) }) {
				continue
			}
			d.Index = len(out)
			out = append(out, d)
		}
	}
	return out, nil
}

// read evaluates docs, the file's own documents, with its module (in dir)
// as Terraform reads it (terraform) or as moduleView reads the whole
// module, and adds the documents of the local module calls it makes.
func (p *Parser) read(filename string, src []byte, docs []parsers.Document, dir string, dm *dirModule, files []Source, onDisk, terraform bool) ([]parsers.Document, error) {
	base := filepath.Base(filename)
	view, mod := moduleView(files, ""), dm.mod
	if terraform {
		view, mod = terraformView(files), nil
		if onDisk {
			mod = dm.terraformModule()
		}
	}
	if !onDisk || mod == nil {
		mod = NewModule(view, dm.tfvars)
	}
	var notes []note
	for _, n := range mod.notes {
		if n.rng.Filename == base {
			notes = append(notes, n)
		}
	}
	body, spent := mod.apply(filename, src, docs)
	notes = append(notes, spent...)
	if !isOverride(base) {
		notes = append(notes, mod.applyOverrides(view, docs, p.base.Parse)...)
	}
	calls, spent := p.instances(body, dir, mod, nil, terraform)
	notes = append(notes, spent...)
	if err := spentError(filename, notes); err != nil {
		return nil, err
	}
	for _, d := range calls {
		d.Index = len(docs)
		docs = append(docs, d)
	}
	return docs, nil
}

// spentError is the error that reports the values of a file left unknown
// because a work budget ran out or a bound of infragate's was exceeded
// (notes, located in the file), nil when there are none. A value is
// unknown there not because it depends on something only a plan knows but
// because it costs too much to evaluate, or is past a bound Terraform does
// not have:
// a merge request could hide a public ACL behind such a value, so the file
// is not judged without it. The error is a parse error on the line of the
// first such value, which the engine reports as a blocking finding.
func spentError(filename string, notes []note) error {
	if len(notes) == 0 {
		return nil
	}
	sort.SliceStable(notes, func(i, j int) bool {
		return notes[i].rng.Start.Byte < notes[j].rng.Start.Byte
	})
	first := notes[0]
	msg := first.message()
	// A local is noted twice, as local.NAME and as the attribute of its
	// locals block: one a line.
	lines := map[int]bool{}
	for _, n := range notes {
		lines[n.rng.Start.Line] = true
	}
	switch len(lines) {
	case 1:
	case 2:
		msg += " (so is a value on one more line of this file)"
	default:
		msg += fmt.Sprintf(" (so are values on %d more lines of this file)", len(lines)-1)
	}
	return &parsers.ParseError{File: filename, Line: first.rng.Start.Line, Col: first.rng.Start.Column, Msg: msg}
}

// message says what ran out for n, and what that leaves unknown.
func (n note) message() string {
	root := n
	if n.cause != nil {
		root = *n.cause
	}
	var b strings.Builder
	b.WriteString("terraform evaluation: ")
	switch {
	case root.limit != "":
		fmt.Fprintf(&b, "%s in %s", root.limit, root.what)
	case root.total != "":
		fmt.Fprintf(&b, "the work budget of the %s (all its values together) ran out evaluating %s", root.total, root.what)
	default:
		fmt.Fprintf(&b, "the work budget ran out evaluating %s", root.what)
	}
	if n.cause != nil {
		fmt.Fprintf(&b, " (%s:%d", baseName(root.rng.Filename), root.rng.Start.Line)
		if root.in != "" {
			fmt.Fprintf(&b, " in %s", root.in)
		}
		b.WriteString(")")
	}
	b.WriteString("; values that depend on it are unknown")
	if n.cause != nil && n.what != "" {
		fmt.Fprintf(&b, ", %s among them", n.what)
	}
	return b.String()
}

func (d *dirModule) has(name string, src []byte) bool {
	for _, f := range d.files {
		if f.Name == name {
			return bytes.Equal(stripBOM(f.Src), stripBOM(src))
		}
	}
	return false
}

// terraformModule is the module as Terraform reads it (terraformView),
// built on first use.
func (d *dirModule) terraformModule() *Module {
	d.terraformOnce.Do(func() { d.terraform = NewModule(terraformView(d.files), d.tfvars) })
	return d.terraform
}

// module returns the module of dir, reading it on first use.
func (p *Parser) module(dir string) *dirModule {
	p.mu.Lock()
	dm, ok := p.dirs[dir]
	if !ok {
		dm = &dirModule{}
		p.dirs[dir] = dm
	}
	p.mu.Unlock()
	dm.once.Do(func() {
		dm.files, dm.tfvars = readDir(dir)
		dm.tfvars = append(dm.tfvars, p.varFiles...)
		dm.mod = NewModule(moduleView(dm.files, ""), dm.tfvars)
	})
	return dm
}

// ModuleReads reports whether the evaluation of the module in a file's
// directory reads that file: a module file (.tf, .tf.json, .tofu,
// .tofu.json) or a variable
// definitions file Terraform loads by itself (terraform.tfvars[.json],
// *.auto.tfvars[.json]). A change to such a file can change what every
// module file of the directory deploys.
func ModuleReads(name string) bool {
	return isTerraform(name) || isAutoVars(name)
}

// IsModuleFile reports whether name is a module file (.tf, .tf.json,
// .tofu, .tofu.json).
func IsModuleFile(name string) bool { return isTerraform(name) }

// IsNative reports whether name is a module file in HCL's native syntax
// (.tf, .tofu): the files whose values are evaluated.
func IsNative(name string) bool { return isNative(name) }

// IsOverride reports whether name is an override file (override.tf,
// *_override.tf, and their .tf.json and .tofu forms): its blocks are
// merged into those of the module's other files.
func IsOverride(name string) bool { return isOverride(name) }

// isAutoVars reports whether name is a variable definitions file that
// Terraform loads without being told to.
func isAutoVars(name string) bool {
	lower := strings.ToLower(baseName(name))
	return lower == "terraform.tfvars" || lower == "terraform.tfvars.json" ||
		strings.HasSuffix(lower, ".auto.tfvars") || strings.HasSuffix(lower, ".auto.tfvars.json")
}

// readDir reads the module files of dir and its variable definitions files
// in Terraform's precedence order. Unreadable entries are left out.
func readDir(dir string) (files, tfvars []Source) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, nil
	}
	var auto []Source
	var primary []Source
	for _, e := range entries {
		if !e.Type().IsRegular() {
			continue
		}
		name := e.Name()
		lower := strings.ToLower(name)
		isVars := isAutoVars(name)
		if !isVars && !isTerraform(name) {
			continue
		}
		src, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			continue
		}
		f := Source{Name: name, Src: src}
		switch {
		case lower == "terraform.tfvars" || lower == "terraform.tfvars.json":
			primary = append(primary, f)
		case isVars:
			auto = append(auto, f)
		default:
			files = append(files, f)
		}
	}
	byName := func(s []Source) {
		sort.Slice(s, func(i, j int) bool { return s[i].Name < s[j].Name })
	}
	byName(primary) // terraform.tfvars before terraform.tfvars.json
	byName(auto)
	byName(files)
	return files, append(primary, auto...)
}
