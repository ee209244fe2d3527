package tfeval

import (
	"bytes"
	"sort"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/ext/typeexpr"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	hcljson "github.com/hashicorp/hcl/v2/json"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/convert"
)

// Source is one file: a module's .tf or .tf.json file, or a variable
// definitions file (.tfvars, .tfvars.json).
type Source struct {
	Name string
	Src  []byte
}

// Module is what is known about one Terraform module without a plan: the
// values of its input variables and locals. It is immutable once built and
// safe for concurrent use.
type Module struct {
	scope *scope
	// notes are the variables and locals that ran out of work budget
	// themselves (see Parser.Parse).
	notes []note
}

// NewModule resolves the variables and locals of the module made of files
// (all .tf and .tf.json files of one directory; other names are ignored).
// tfvars are variable definitions files in increasing precedence, as
// Terraform applies them: terraform.tfvars, terraform.tfvars.json, the
// *.auto.tfvars[.json] files in lexical order, then each -var-file.
//
// A variable's value is its last assignment in tfvars, else its default,
// converted to its type constraint (with optional-attribute defaults);
// a variable without either, or whose value does not convert, is unknown.
// Locals are evaluated in dependency order; locals in a reference cycle,
// or that fail to evaluate, are unknown. Files that do not parse are left
// out (what they declare is unknown); a tfvars file that does not parse
// makes every variable unknown, since any of them might be set there.
// Declarations made twice (an error in Terraform) are unknown.
func NewModule(files, tfvars []Source) *Module { return newModule(files, tfvars, nil) }

// newModule is NewModule; for a module called by a module block, inputs
// are the block's arguments (unknown ones as such), which take the place
// of the tfvars.
func newModule(files, tfvars []Source, inputs map[string]cty.Value) *Module {
	s := &scope{vars: map[string]cty.Value{}, locals: map[string]cty.Value{}, spent: map[string]*note{}}
	ev := newEvaluator(s, "module")
	decls := map[string]*varDecl{}
	locals := map[string]*localDecl{}
	for _, f := range orderFiles(files) {
		body, ok := parseBody(f)
		if !ok {
			continue
		}
		collect(body, isOverride(f.Name), decls, locals)
	}
	assigned, spent, poisoned := readTFVars(ev, tfvars)
	if inputs != nil {
		assigned, spent, poisoned = inputs, nil, false
	}
	names := make([]string, 0, len(decls))
	for name := range decls {
		names = append(names, name)
	}
	sort.Strings(names) // the budget is spent in a fixed order
	for _, name := range names {
		d := decls[name]
		v := cty.DynamicVal
		if !poisoned && !d.dup {
			var n *note
			v, n = ev.value("var."+name, d.rng, func() cty.Value { return d.value(ev, assigned) })
			if n == nil && !v.IsWhollyKnown() {
				n = spent[name] // its assignment ran out
			}
			if n != nil {
				s.spent["var."+name] = n
			}
		}
		s.vars[name] = v
	}
	resolveLocals(ev, locals)
	return &Module{scope: s, notes: ev.budget.notes}
}

// Vars returns the resolved input variables (unknown ones as
// cty.DynamicVal), for inspection and tests.
func (m *Module) Vars() map[string]cty.Value { return copyMap(m.scope.vars) }

// Locals returns the resolved locals (unknown ones as cty.DynamicVal).
func (m *Module) Locals() map[string]cty.Value { return copyMap(m.scope.locals) }

func copyMap(in map[string]cty.Value) map[string]cty.Value {
	out := make(map[string]cty.Value, len(in))
	for k, v := range in {
		out[k] = v
	}
	return out
}

// isTerraform reports whether name is a module file Terraform or OpenTofu
// reads: .tf and .tf.json, and OpenTofu's own .tofu and .tofu.json.
func isTerraform(name string) bool {
	_, ext := moduleStem(name)
	return ext != ""
}

// isNative reports whether name is a module file in HCL's native syntax
// (.tf or .tofu), not JSON.
func isNative(name string) bool {
	_, ext := moduleStem(name)
	return ext == ".tf" || ext == ".tofu"
}

// isOpenTofu reports whether name is a module file only OpenTofu reads
// (.tofu, .tofu.json).
func isOpenTofu(name string) bool {
	_, ext := moduleStem(name)
	return ext == ".tofu" || ext == ".tofu.json"
}

// moduleStem splits a module file's base name into its stem and its
// extension (.tf, .tf.json, .tofu or .tofu.json, in lower case as
// Terraform and OpenTofu match them); the extension is empty for other
// files and for those both tools pass over (names that start with "." or
// end with "~", editors' "#...#" files).
func moduleStem(name string) (stem, ext string) {
	base := baseName(name)
	if strings.HasPrefix(base, ".") || strings.HasSuffix(base, "~") ||
		strings.HasPrefix(base, "#") && strings.HasSuffix(base, "#") {
		return base, ""
	}
	for _, e := range []string{".tf.json", ".tofu.json", ".tf", ".tofu"} {
		if strings.HasSuffix(base, e) && len(base) > len(e) {
			return base[:len(base)-len(e)], e
		}
	}
	return base, ""
}

// isOverride reports whether name is an override file (override.tf,
// *_override.tf and their .tf.json and .tofu forms), which Terraform merges
// into the declarations of the other files after reading them.
func isOverride(name string) bool {
	stem, _ := moduleStem(name)
	return stem == "override" || strings.HasSuffix(stem, "_override")
}

// OpenTofu reads .tofu and .tofu.json files besides Terraform's, and
// ignores foo.tf when foo.tofu exists (foo.tf.json when foo.tofu.json
// does): module authors write a .tofu file for what only OpenTofu should
// deploy. Terraform reads neither. A module with .tofu files is evaluated
// as OpenTofu reads it, except a .tf file that a .tofu file shadows, which
// only Terraform reads: it is evaluated as Terraform reads the module.

// shadowed reports whether OpenTofu ignores the module file name because
// files hold its .tofu twin.
func shadowed(name string, files []Source) bool {
	stem, ext := moduleStem(name)
	var twin string
	switch ext {
	case ".tf":
		twin = stem + ".tofu"
	case ".tf.json":
		twin = stem + ".tofu.json"
	default:
		return false
	}
	for _, f := range files {
		if baseName(f.Name) == twin {
			return true
		}
	}
	return false
}

// moduleView returns the module files (among files, one directory's) the
// tool that deploys the file name reads (see above); name "" asks for the
// module as a whole.
func moduleView(files []Source, name string) []Source {
	if !hasOpenTofu(files) {
		return files
	}
	terraform := name != "" && shadowed(name, files)
	var out []Source
	for _, f := range files {
		if terraform && !isOpenTofu(f.Name) || !terraform && !shadowed(f.Name, files) {
			out = append(out, f)
		}
	}
	return out
}

// hasOpenTofu reports whether files hold a file only OpenTofu reads.
func hasOpenTofu(files []Source) bool {
	for _, f := range files {
		if isOpenTofu(f.Name) {
			return true
		}
	}
	return false
}

// terraformView returns the module files (among files, one directory's)
// Terraform reads: all but the .tofu and .tofu.json files.
func terraformView(files []Source) []Source {
	if !hasOpenTofu(files) {
		return files
	}
	var out []Source
	for _, f := range files {
		if !isOpenTofu(f.Name) {
			out = append(out, f)
		}
	}
	return out
}

func baseName(name string) string {
	name = strings.ReplaceAll(name, "\\", "/")
	return name[strings.LastIndexByte(name, '/')+1:]
}

// orderFiles keeps the module files, primary files first, each group by
// name.
func orderFiles(files []Source) []Source {
	var out []Source
	for _, f := range files {
		if isTerraform(f.Name) {
			out = append(out, f)
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		oi, oj := isOverride(out[i].Name), isOverride(out[j].Name)
		if oi != oj {
			return !oi
		}
		return out[i].Name < out[j].Name
	})
	return out
}

// stripBOM removes a leading UTF-8 byte order mark, as the HCL parser does.
func stripBOM(src []byte) []byte { return bytes.TrimPrefix(src, []byte{0xEF, 0xBB, 0xBF}) }

// parseBody parses a native or JSON HCL file; ok is false on errors.
func parseBody(f Source) (hcl.Body, bool) {
	src := stripBOM(f.Src)
	var file *hcl.File
	var diags hcl.Diagnostics
	if strings.HasSuffix(strings.ToLower(f.Name), ".json") {
		file, diags = hcljson.Parse(src, f.Name)
	} else {
		file, diags = hclsyntax.ParseConfig(src, f.Name, hcl.InitialPos)
	}
	if diags.HasErrors() || file == nil || file.Body == nil {
		return nil, false
	}
	return file.Body, true
}

type varDecl struct {
	name               string
	def, typ, nullable hcl.Expression
	rng                hcl.Range // of the default, else of the block's labels
	dup                bool
}

type localDecl struct {
	expr hcl.Expression
	rng  hcl.Range // of the attribute
	dup  bool
}

func moduleSchema() *hcl.BodySchema {
	return &hcl.BodySchema{Blocks: []hcl.BlockHeaderSchema{
		{Type: "variable", LabelNames: []string{"name"}},
		{Type: "locals"},
	}}
}

func variableSchema() *hcl.BodySchema {
	return &hcl.BodySchema{Attributes: []hcl.AttributeSchema{
		{Name: "default"}, {Name: "type"}, {Name: "nullable"},
	}}
}

// collect records the variable and local declarations of one file body.
// Override files replace attributes of earlier declarations instead of
// redeclaring them.
func collect(body hcl.Body, override bool, decls map[string]*varDecl, locals map[string]*localDecl) {
	content, _, _ := body.PartialContent(moduleSchema())
	if content == nil {
		return
	}
	for _, blk := range content.Blocks {
		switch blk.Type {
		case "variable":
			name := blk.Labels[0]
			attrs, _, _ := blk.Body.PartialContent(variableSchema())
			d, seen := decls[name]
			switch {
			case !seen:
				d = &varDecl{name: name, rng: blk.DefRange}
				decls[name] = d
			case !override:
				d.dup = true
			}
			if attrs == nil {
				continue
			}
			if a, ok := attrs.Attributes["default"]; ok {
				d.def = a.Expr
				d.rng = a.Range
			}
			if a, ok := attrs.Attributes["type"]; ok {
				d.typ = a.Expr
			}
			if a, ok := attrs.Attributes["nullable"]; ok {
				d.nullable = a.Expr
			}
		case "locals":
			attrs, diags := blk.Body.JustAttributes()
			if diags.HasErrors() && len(attrs) == 0 {
				continue
			}
			for name, a := range attrs {
				if l, seen := locals[name]; seen && !override {
					l.dup = true
					continue
				}
				locals[name] = &localDecl{expr: a.Expr, rng: a.Range}
			}
		}
	}
}

// readTFVars reads variable definitions files in precedence order. spent
// notes the assignments that ran out of work budget; poisoned is true when
// one of the files does not parse.
func readTFVars(ev *evaluator, files []Source) (assigned map[string]cty.Value, spent map[string]*note, poisoned bool) {
	assigned = map[string]cty.Value{}
	spent = map[string]*note{}
	for _, f := range files {
		body, ok := parseBody(f)
		if !ok {
			return nil, nil, true
		}
		attrs, diags := body.JustAttributes()
		if diags.HasErrors() {
			return nil, nil, true
		}
		for _, a := range sortedAttrs(attrs) {
			v, n := ev.value("var."+a.Name, a.Range, func() cty.Value { return ev.evalConst(a.Expr) })
			assigned[a.Name] = v
			delete(spent, a.Name)
			if n != nil {
				spent[a.Name] = n
			}
		}
	}
	return assigned, spent, false
}

// value resolves a variable: its tfvars assignment, else its default,
// converted to its type constraint.
func (d *varDecl) value(ev *evaluator, assigned map[string]cty.Value) cty.Value {
	var def cty.Value
	hasDef := d.def != nil
	if hasDef {
		def = ev.evalConst(d.def)
	}
	raw, set := assigned[d.name]
	switch {
	case set:
	case hasDef:
		raw = def
	default:
		return cty.DynamicVal // Terraform would ask for it
	}
	if raw.IsNull() && hasDef && d.notNullable(ev) {
		raw = def
	}
	if d.typ != nil {
		ty, defaults, diags := typeexpr.TypeConstraintWithDefaults(d.typ)
		if diags.HasErrors() {
			return cty.DynamicVal
		}
		if defaults != nil && raw.IsWhollyKnown() {
			raw = defaults.Apply(raw)
		}
		conv, err := convert.Convert(raw, ty)
		if err != nil {
			return cty.DynamicVal
		}
		raw = conv
	}
	if !ev.fits(raw) {
		return cty.DynamicVal
	}
	return raw
}

func (d *varDecl) notNullable(ev *evaluator) bool {
	if d.nullable == nil {
		return false
	}
	v := ev.evalConst(d.nullable)
	return v.IsKnown() && !v.IsNull() && v.Type() == cty.Bool && v.False()
}

// sortedAttrs orders attributes by name.
func sortedAttrs(attrs hcl.Attributes) []*hcl.Attribute {
	out := make([]*hcl.Attribute, 0, len(attrs))
	for _, a := range attrs {
		out = append(out, a)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// resolveLocals evaluates locals in dependency order (Kahn's algorithm, so
// long chains need no recursion). Locals left over sit on or behind a
// reference cycle and stay unknown.
func resolveLocals(ev *evaluator, decls map[string]*localDecl) {
	s := ev.scope
	names := make([]string, 0, len(decls))
	for n := range decls {
		names = append(names, n)
		s.locals[n] = cty.DynamicVal
	}
	sort.Strings(names)
	pending := map[string]int{}
	dependents := map[string][]string{}
	var ready []string
	for _, n := range names {
		d := decls[n]
		if d.dup {
			continue
		}
		deps := map[string]bool{}
		for _, tr := range d.expr.Variables() {
			if tr.RootName() != "local" {
				continue
			}
			if dep, ok := attrName(tr); ok {
				if dd, declared := decls[dep]; declared && !dd.dup {
					deps[dep] = true
				}
			}
		}
		pending[n] = len(deps)
		for dep := range deps {
			dependents[dep] = append(dependents[dep], n)
		}
		if len(deps) == 0 {
			ready = append(ready, n)
		}
	}
	for len(ready) > 0 {
		n := ready[0]
		ready = ready[1:]
		d := decls[n]
		v, spent := ev.value("local."+n, d.rng, func() cty.Value { return ev.eval(d.expr) })
		if spent == nil {
			spent = ev.dependsOnSpent(d.expr, v)
		}
		if spent != nil {
			s.spent["local."+n] = spent
		}
		s.locals[n] = v
		for _, m := range dependents[n] {
			pending[m]--
			if pending[m] == 0 {
				ready = append(ready, m)
			}
		}
	}
}
