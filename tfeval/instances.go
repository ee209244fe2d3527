package tfeval

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"sort"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"

	"github.com/infragate/infragate/parsers"
)

// Module calls. A child module's variables get their values from the
// module block that calls it, not from their defaults: judged alone,
// `acl = var.acl` in modules/bucket/main.tf reads the default "private",
// while `module "logs" { source = "./modules/bucket", acl = "public-read" }`
// deploys a public bucket. So the document of a file with a module block
// whose source is a local directory is followed by the documents of that
// module's .tf files evaluated with the block's arguments (and, in turn,
// their own local module calls), all located at the module block: what
// the call deploys is judged where the call is written. A module file that
// the arguments leave as it is judged on its own (its defaults, or nothing
// known) adds no document: its own evaluation already judges that.

// maxModuleDepth bounds how deep nested local module calls are followed
// (a bound of infragate's: a call it leaves unfollowed is noted, see
// budget.exceed).
const maxModuleDepth = 8

// moduleMeta are the module block arguments that are not input variables.
var moduleMeta = map[string]bool{
	"source": true, "version": true, "count": true, "for_each": true,
	"providers": true, "depends_on": true,
}

// instances returns the documents of the local modules that body (of a
// file of the module in dir, evaluated in mod) calls, located at the
// calling blocks. chain holds the module directories being instantiated,
// to stop at a cycle. notes are the values left unknown because a work
// budget ran out: those of the calls' arguments, and those of the called
// modules (located at the calling block, see callNote). terraform is true
// when the calling file is evaluated as Terraform reads its module (a .tf
// file that a .tofu file shadows): Terraform reads no .tofu file of the
// modules it calls either, so they are evaluated as Terraform reads them.
func (p *Parser) instances(body *hclsyntax.Body, dir string, mod *Module, chain []string, terraform bool) (out []parsers.Document, notes []note) {
	if body == nil {
		return nil, nil
	}
	for _, blk := range body.Blocks {
		if blk.Type != "module" || len(blk.Labels) != 1 {
			continue
		}
		ev := newEvaluator(mod.scope, "module call")
		arg := func(name string, a *hclsyntax.Attribute) cty.Value {
			v, n := ev.value(name, a.Expr.Range(), func() cty.Value { return ev.eval(a.Expr) })
			if n == nil {
				if n = ev.dependsOnSpent(a.Expr, v); n != nil {
					ev.budget.notes = append(ev.budget.notes, note{what: name, rng: a.Expr.Range(), cause: n})
				}
			}
			return v
		}
		srcAttr, ok := blk.Body.Attributes["source"]
		if !ok {
			continue
		}
		sv := arg("source", srcAttr)
		notes = append(notes, ev.budget.notes...)
		if !sv.IsKnown() || sv.IsNull() || sv.Type() != cty.String {
			continue
		}
		source := sv.AsString()
		if !strings.HasPrefix(source, "./") && !strings.HasPrefix(source, "../") {
			continue // a registry or remote module: not in the repository
		}
		child, ok := p.within(filepath.Join(dir, filepath.FromSlash(source)))
		if !ok || slices.Contains(chain, child) {
			continue
		}
		inputs := map[string]cty.Value{}
		known := false
		ev.budget.notes = nil
		for _, a := range sortedSyntaxAttrs(blk.Body.Attributes) {
			if !moduleMeta[a.Name] {
				v := arg(a.Name, a)
				inputs[a.Name] = v
				known = known || v.IsWhollyKnown()
			}
		}
		notes = append(notes, ev.budget.notes...)
		if !known {
			// Unknown values never make a finding: such a call deploys
			// nothing its module's files do not show judged on their own.
			continue
		}
		rng := blk.Range()
		call := "module." + blk.Labels[0]
		if len(chain) >= maxModuleDepth {
			// Judged on its own, the module would read its defaults,
			// not what this call passes.
			limit := fmt.Sprintf("local module calls nested more than %d deep", maxModuleDepth)
			notes = append(notes, note{what: call, rng: rng, limit: limit})
			continue
		}
		at := parsers.Range{StartLine: rng.Start.Line, StartCol: rng.Start.Column, EndLine: rng.End.Line, EndCol: rng.End.Column}
		dm := p.module(child)
		view := moduleView(dm.files, "")
		if terraform {
			view = terraformView(dm.files)
		}
		cmod := newModule(view, nil, inputs)
		for _, n := range cmod.notes {
			notes = append(notes, callNote(call, rng, n))
		}
		for _, f := range orderFiles(view) {
			if isOverride(f.Name) || !isNative(f.Name) || !mayDependOnInputs(f.Src) {
				continue
			}
			docs, err := p.base.Parse(f.Name, f.Src)
			if err != nil || len(docs) != 1 {
				continue // judged (as a parse error) where the file is
			}
			fbody, fnotes := cmod.apply(f.Name, f.Src, docs)
			for _, n := range fnotes {
				notes = append(notes, callNote(call, rng, n))
			}
			for _, n := range cmod.applyOverrides(view, docs, p.base.Parse) {
				notes = append(notes, callNote(call, rng, n))
			}
			sm := &parsers.SourceMap{}
			sm.Set(parsers.Path{}, at)
			if !reflect.DeepEqual(docs[0].Value, p.standalone(dm, f)) {
				// The call's arguments change what the file deploys.
				out = append(out, parsers.Document{Value: docs[0].Value, Range: at, Map: sm})
			}
			docs, more := p.instances(fbody, child, cmod, append(chain, child), terraform)
			for _, d := range docs {
				d.Range, d.Map = at, sm
				out = append(out, d)
			}
			for _, n := range more {
				notes = append(notes, callNote(call, rng, n))
			}
		}
	}
	return out, notes
}

// callNote locates note n, of a value in the module that call (module.NAME,
// the block at rng) calls, at the calling block.
func callNote(call string, rng hcl.Range, n note) note {
	cause := n
	if n.cause != nil {
		cause = *n.cause
	}
	if cause.in != "" {
		cause.in = call + "." + cause.in
	} else {
		cause.in = call
	}
	return note{what: call, rng: rng, cause: &cause}
}

// sortedSyntaxAttrs orders attributes by position, so that the budget is
// spent the same way on every run.
func sortedSyntaxAttrs(attrs hclsyntax.Attributes) []*hclsyntax.Attribute {
	out := make([]*hclsyntax.Attribute, 0, len(attrs))
	for _, a := range attrs {
		out = append(out, a)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].SrcRange.Start.Byte < out[j].SrcRange.Start.Byte })
	return out
}

// within returns dir, cleaned and with links resolved, when it is inside
// the working directory (Options.Dir): a module source never makes
// infragate read outside it.
func (p *Parser) within(dir string) (string, bool) {
	root := p.dir
	if root == "" {
		root = "."
	}
	root, err := filepath.Abs(root)
	if err != nil {
		return "", false
	}
	if r, err := filepath.EvalSymlinks(root); err == nil {
		root = r
	}
	abs, err := filepath.Abs(p.abs(dir))
	if err != nil {
		return "", false
	}
	real, err := filepath.EvalSymlinks(abs)
	if err != nil {
		return "", false
	}
	if st, err := os.Stat(real); err != nil || !st.IsDir() {
		return "", false
	}
	rel, err := filepath.Rel(root, real)
	if err != nil || !filepath.IsLocal(rel) {
		return "", false
	}
	return real, true
}

// standalone is the value of module file f of dm as it is judged on its
// own (Parse of that file: as Terraform reads its module for a file that a
// .tofu file shadows), computed once per Parser.
func (p *Parser) standalone(dm *dirModule, f Source) any {
	dm.mu.Lock()
	defer dm.mu.Unlock()
	if v, ok := dm.standalone[f.Name]; ok {
		return v
	}
	var v any
	if docs, err := p.base.Parse(f.Name, f.Src); err == nil && len(docs) == 1 {
		mod, view := dm.mod, moduleView(dm.files, "")
		if shadowed(f.Name, dm.files) {
			mod, view = dm.terraformModule(), terraformView(dm.files)
		}
		mod.Apply(f.Name, f.Src, docs)
		mod.applyOverrides(view, docs, p.base.Parse)
		v = docs[0].Value
	}
	if dm.standalone == nil {
		dm.standalone = map[string]any{}
	}
	dm.standalone[f.Name] = v
	return v
}

// mayDependOnInputs is a quick test of a module file's bytes: only a file
// that refers to variables or locals can read what a call passes, and
// only its resource, data and module blocks are judged.
func mayDependOnInputs(src []byte) bool {
	return (bytes.Contains(src, []byte("var.")) || bytes.Contains(src, []byte("local."))) &&
		(bytes.Contains(src, []byte("resource")) || bytes.Contains(src, []byte("data")) || bytes.Contains(src, []byte("module")))
}

// localSource matches the source argument of a module block naming a
// local directory.
var localSource = regexp.MustCompile(`(?m)^\s*source\s*=\s*"(\.\.?/[^"]*)"`)

// LocalSources returns the local directories (./x, ../y, slash separated,
// relative to the file's directory) that the module blocks of a .tf file
// call, read from its text: a quick scan that needs no parse, used to find
// the callers of a changed module. It may also list the source of another
// block (a rare false positive costs an evaluation, never a finding).
func LocalSources(src []byte) []string {
	if !bytes.Contains(src, []byte("module")) {
		return nil
	}
	var out []string
	for _, m := range localSource.FindAllSubmatch(src, -1) {
		out = append(out, string(m[1]))
	}
	return out
}
