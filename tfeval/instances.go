package tfeval

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strings"

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

// maxModuleDepth bounds how deep nested local module calls are followed.
const maxModuleDepth = 8

// moduleMeta are the module block arguments that are not input variables.
var moduleMeta = map[string]bool{
	"source": true, "version": true, "count": true, "for_each": true,
	"providers": true, "depends_on": true,
}

// instances returns the documents of the local modules that body (of a
// file of the module in dir, evaluated in mod) calls, located at the
// calling blocks. chain holds the module directories being instantiated,
// to stop at a cycle.
func (p *Parser) instances(body *hclsyntax.Body, dir string, mod *Module, chain []string) []parsers.Document {
	if body == nil || len(chain) >= maxModuleDepth {
		return nil
	}
	var out []parsers.Document
	for _, blk := range body.Blocks {
		if blk.Type != "module" || len(blk.Labels) != 1 {
			continue
		}
		ev := newEvaluator(mod.scope)
		srcAttr, ok := blk.Body.Attributes["source"]
		if !ok {
			continue
		}
		sv := ev.eval(srcAttr.Expr)
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
		for name, a := range blk.Body.Attributes {
			if !moduleMeta[name] {
				v := ev.eval(a.Expr)
				inputs[name] = v
				known = known || v.IsWhollyKnown()
			}
		}
		if !known {
			// Unknown values never make a finding: such a call deploys
			// nothing its module's files do not show judged on their own.
			continue
		}
		rng := blk.Range()
		at := parsers.Range{StartLine: rng.Start.Line, StartCol: rng.Start.Column, EndLine: rng.End.Line, EndCol: rng.End.Column}
		dm := p.module(child)
		cmod := newModule(dm.files, nil, inputs)
		for _, f := range orderFiles(dm.files) {
			if isOverride(f.Name) || !strings.HasSuffix(strings.ToLower(f.Name), ".tf") || !mayDependOnInputs(f.Src) {
				continue
			}
			docs, err := p.base.Parse(f.Name, f.Src)
			if err != nil || len(docs) != 1 {
				continue // judged (as a parse error) where the file is
			}
			fbody := cmod.apply(f.Name, f.Src, docs)
			cmod.applyOverrides(dm.files, docs, p.base.Parse)
			sm := &parsers.SourceMap{}
			sm.Set(parsers.Path{}, at)
			if !reflect.DeepEqual(docs[0].Value, p.standalone(dm, f)) {
				// The call's arguments change what the file deploys.
				out = append(out, parsers.Document{Value: docs[0].Value, Range: at, Map: sm})
			}
			for _, d := range p.instances(fbody, child, cmod, append(chain, child)) {
				d.Range, d.Map = at, sm
				out = append(out, d)
			}
		}
	}
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
// own (Parse of that file), computed once per Parser.
func (p *Parser) standalone(dm *dirModule, f Source) any {
	dm.mu.Lock()
	defer dm.mu.Unlock()
	if v, ok := dm.standalone[f.Name]; ok {
		return v
	}
	var v any
	if docs, err := p.base.Parse(f.Name, f.Src); err == nil && len(docs) == 1 {
		dm.mod.Apply(f.Name, f.Src, docs)
		dm.mod.applyOverrides(dm.files, docs, p.base.Parse)
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
