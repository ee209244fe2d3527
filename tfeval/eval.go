package tfeval

import (
	"fmt"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/function"
)

// scope is what the expressions of one module can refer to: var.* and
// local.*. Values that could not be resolved are cty.DynamicVal (unknown).
// A scope is read-only once built.
type scope struct {
	vars   map[string]cty.Value
	locals map[string]cty.Value
	// spent are the variables and locals (var.NAME, local.NAME) left
	// unknown because a work budget ran out, evaluating them or a value
	// they depend on: the note of the value that ran out.
	spent map[string]*note
}

// evaluator evaluates expressions in a scope against one work budget. It
// is used by one goroutine: NewModule, each Apply and each module call make
// their own.
type evaluator struct {
	scope  *scope
	funcs  map[string]function.Function
	budget *budget
	// iters are the iterators of the dynamic blocks being expanded
	// (ingress.key, ingress.value), by name.
	iters map[string]cty.Value
}

// Work limits, in units of work (for-expression iterations plus the size
// of function results and values). Each value (a variable, a local, an
// attribute of a file, an argument of a module call) may spend valueLimit,
// about a second at worst, so that one expensive value cannot starve the
// others; all the values one NewModule, one Apply or one module call
// evaluates may spend totalLimit together (about ten seconds at worst), an
// overall bound far above what ordinary modules spend (valueLimit was the
// whole module's budget before). A value that runs out of either is
// unknown, and noted (see budget.notes): unlike a value that depends on a
// resource, it is a value a merge request can hide by making it expensive,
// so Parser.Parse reports it.
const (
	valueLimit = 100_000
	totalLimit = 1_000_000
)

func newEvaluator(s *scope, of string) *evaluator {
	b := &budget{total: totalLimit, of: of}
	return &evaluator{scope: s, funcs: functions(b), budget: b}
}

// budget counts work down: the value being evaluated (left) and all the
// values of its evaluator (total). Once either is spent, every evaluation
// fails until the next value begins.
type budget struct {
	left, total int
	// out is set when the value being evaluated ran out, or went past one
	// of infragate's own bounds (limit says which), even when try() or
	// can() caught the error.
	out   bool
	limit string
	// of names what total bounds ("module", "file", "module call"), for
	// the notes.
	of    string
	notes []note
}

// begin starts a value with its own budget.
func (b *budget) begin() {
	b.left = valueLimit
	b.out = false
	b.limit = ""
}

// exceed stops the value being evaluated, as running out of work does,
// because it went past one of infragate's own bounds on evaluation (limit
// says which, for the notes: "more than 8 nested for expressions"). Such a
// value is not unknown the way a resource attribute is: Terraform would
// know it, and a merge request could hide a value past a bound, so it is
// noted like a value whose budget ran out. The first cause is kept.
func (b *budget) exceed(limit string) error {
	if !b.out {
		b.out = true
		b.limit = limit
	}
	return limitError(limit)
}

// limitError is the error of a function call that went past one of
// infragate's own bounds (see budget.exceed); Terraform would evaluate
// the call.
type limitError string

func (e limitError) Error() string { return string(e) + " (a bound of infragate, not of Terraform)" }

// spend charges n, and reports whether the value is within its budgets.
// Once it is not, nothing more is charged: HCL goes on with the other
// elements of a for expression after an error, and those failed attempts
// must not drain the total of the values still to come.
func (b *budget) spend(n int) bool {
	if b.out {
		return false
	}
	b.left -= n
	b.total -= n
	if b.left < 0 || b.total < 0 {
		b.out = true
	}
	return !b.out
}

// spent reports whether the value being evaluated has no work left.
func (b *budget) spent() bool {
	if b.left <= 0 || b.total <= 0 {
		b.out = true
	}
	return b.out
}

// note is a value left unknown because a work budget ran out or a bound
// was exceeded: the value that ran out itself (cause nil), or a value that
// depends on one (cause is that value's note).
type note struct {
	what  string    // local.NAME, var.NAME, or an attribute's name
	rng   hcl.Range // of its expression
	limit string    // the bound it went past (see budget.exceed), "" for a work budget
	total string    // what the total that ran out bounds, "" for the value's own
	in    string    // the module call the value is in (module.a.module.b), "" for this module
	cause *note
}

// value evaluates one value with its own budget: f's result, or unknown
// when the budget ran out or a bound was exceeded (noted as what, at rng).
func (ev *evaluator) value(what string, rng hcl.Range, f func() cty.Value) (cty.Value, *note) {
	b := ev.budget
	b.begin()
	v := f()
	if !b.out {
		return v, nil
	}
	n := &note{what: what, rng: rng, limit: b.limit}
	if b.limit == "" && b.total <= 0 {
		n.total = b.of
	}
	b.notes = append(b.notes, *n)
	return cty.DynamicVal, n
}

// dependsOnSpent returns the note of a variable or local expr refers to
// that is unknown because a budget ran out, if v is not wholly known.
func (ev *evaluator) dependsOnSpent(expr hcl.Expression, v cty.Value) *note {
	if len(ev.scope.spent) == 0 || v.IsWhollyKnown() {
		return nil
	}
	for _, tr := range expr.Variables() {
		root := tr.RootName()
		if root != "var" && root != "local" {
			continue
		}
		if name, ok := attrName(tr); ok {
			if n := ev.scope.spent[root+"."+name]; n != nil {
				return n
			}
		}
	}
	return nil
}

// The functions wrapped around the parts of every for expression so that
// its work is counted (the "::" keeps them apart from Terraform's names):
// budgetFunc around the collection charges one unit per element,
// chargeFunc around the key and value expressions charges the size of
// what each iteration produces, and goOnFunc around the condition (true
// when there is none) skips the key and value of the remaining elements
// once the value being evaluated has run out: HCL goes on iterating after
// an error, and without it every remaining element of every enclosing for
// expression would still evaluate its key and value up to the first
// metered call (an inner collection written as a long literal, say).
const (
	budgetFunc = "infragate::iterations"
	chargeFunc = "infragate::charge"
	goOnFunc   = "infragate::go_on"
)

// meter wraps the parts of every for expression in expr in calls to
// budgetFunc and chargeFunc, once; the walk owns expr (a tree infragate
// parsed itself).
func meter(expr hclsyntax.Expression) {
	wrap := func(e hclsyntax.Expression, name string) hclsyntax.Expression {
		if e == nil {
			return nil
		}
		if call, ok := e.(*hclsyntax.FunctionCallExpr); ok && call.Name == name {
			return e
		}
		r := e.Range()
		return &hclsyntax.FunctionCallExpr{
			Name: name, Args: []hclsyntax.Expression{e},
			NameRange: r, OpenParenRange: r, CloseParenRange: r,
		}
	}
	hclsyntax.VisitAll(expr, func(n hclsyntax.Node) hcl.Diagnostics {
		if f, ok := n.(*hclsyntax.ForExpr); ok {
			f.CollExpr = wrap(f.CollExpr, budgetFunc)
			f.KeyExpr = wrap(f.KeyExpr, chargeFunc)
			f.ValExpr = wrap(f.ValExpr, chargeFunc)
			if f.CondExpr == nil {
				r := f.ValExpr.Range()
				f.CondExpr = &hclsyntax.LiteralValueExpr{Val: cty.True, SrcRange: hcl.Range{Filename: r.Filename, Start: r.End, End: r.End}}
			}
			f.CondExpr = wrap(f.CondExpr, goOnFunc)
		}
		return nil
	})
}

// evalConst evaluates an expression that may not refer to anything
// (variable defaults, tfvars values), within the budget.
func (ev *evaluator) evalConst(expr hcl.Expression) cty.Value {
	syn, native := expr.(hclsyntax.Expression)
	if !native {
		v, diags := expr.Value(nil) // JSON: literal values only
		if diags.HasErrors() {
			return cty.DynamicVal
		}
		return v
	}
	if ev.budget.spent() || !ev.shallow(syn) {
		return cty.DynamicVal
	}
	meter(syn)
	ctx := &hcl.EvalContext{Functions: map[string]function.Function{
		budgetFunc: ev.funcs[budgetFunc], chargeFunc: ev.funcs[chargeFunc], goOnFunc: ev.funcs[goOnFunc],
	}}
	v, diags := syn.Value(ctx)
	if diags.HasErrors() || v == cty.NilVal || !ev.fits(v) || ev.budget.out {
		return cty.DynamicVal
	}
	return v
}

// fits spends the size of v and reports whether it is within the value
// bounds and the budget.
func (ev *evaluator) fits(v cty.Value) bool {
	n, over := size(v)
	if over != "" {
		ev.budget.exceed(over)
		return false
	}
	return ev.budget.spend(n)
}

// shallow reports whether expr nests at most maxForDepth for expressions,
// noting the bound as exceeded otherwise.
func (ev *evaluator) shallow(expr hclsyntax.Expression) bool {
	if forDepth(expr) <= maxForDepth {
		return true
	}
	ev.budget.exceed(fmt.Sprintf("more than %d nested for expressions", maxForDepth))
	return false
}

// eval evaluates expr. Any error (an undeclared name, a type mismatch, a
// function failing, a bound exceeded) makes the result unknown.
// References to anything but var.* and local.* (resources, data sources,
// modules, count, each, self, path, terraform, iterators of dynamic
// blocks) are unknown values, so functions see them as unknown rather than
// failing; try() and can() then stay unknown too, as they do in a plan.
//
// Expressions not in native syntax (locals of .tf.json files) are not
// evaluated: their for expressions could not be metered.
func (ev *evaluator) eval(expr hcl.Expression) cty.Value {
	s := ev.scope
	syn, native := expr.(hclsyntax.Expression)
	if !native || ev.budget.spent() || !ev.shallow(syn) {
		return cty.DynamicVal
	}
	meter(syn)
	vars := map[string]cty.Value{}
	refs := map[string]map[string]cty.Value{"var": {}, "local": {}}
	for _, tr := range expr.Variables() {
		root := tr.RootName()
		from := s.vars
		switch root {
		case "var":
		case "local":
			from = s.locals
		default:
			if v, ok := ev.iters[root]; ok {
				vars[root] = v
			} else {
				vars[root] = cty.DynamicVal
			}
			continue
		}
		name, ok := attrName(tr)
		if !ok {
			vars[root] = cty.DynamicVal // var or local as a whole, or var[expr]
			continue
		}
		if v, ok := from[name]; ok {
			refs[root][name] = v
		}
	}
	for root, attrs := range refs {
		if _, whole := vars[root]; !whole {
			vars[root] = cty.ObjectVal(attrs)
		}
	}
	ctx := &hcl.EvalContext{Variables: vars, Functions: ev.funcs}
	if stubs := unknownFuncs(syn, ev.funcs); stubs != nil {
		ctx = ctx.NewChild()
		ctx.Functions = stubs
	}
	v, diags := syn.Value(ctx)
	if diags.HasErrors() || v == cty.NilVal || !ev.fits(v) || ev.budget.out {
		// out: try() or can() may have caught the budget's error and
		// given their fallback, which is not what Terraform would.
		return cty.DynamicVal
	}
	return v
}

// attrName is the name in var.NAME, local.NAME or var["NAME"].
func attrName(tr hcl.Traversal) (string, bool) {
	if len(tr) < 2 {
		return "", false
	}
	switch step := tr[1].(type) {
	case hcl.TraverseAttr:
		return step.Name, true
	case hcl.TraverseIndex:
		if step.Key.Type() == cty.String && step.Key.IsKnown() && !step.Key.IsNull() {
			return step.Key.AsString(), true
		}
	}
	return "", false
}

// unknownFuncs returns a stand-in that yields unknown for every function
// expr calls that is not in known (nil when there is none).
func unknownFuncs(expr hclsyntax.Expression, known map[string]function.Function) map[string]function.Function {
	var stubs map[string]function.Function
	hclsyntax.VisitAll(expr, func(n hclsyntax.Node) hcl.Diagnostics {
		if call, ok := n.(*hclsyntax.FunctionCallExpr); ok {
			if _, ok := known[call.Name]; !ok {
				if stubs == nil {
					stubs = map[string]function.Function{}
				}
				stubs[call.Name] = unknownFunc
			}
		}
		return nil
	})
	return stubs
}

// forDepth is the deepest nesting of for expressions (and template for
// directives) in expr.
func forDepth(expr hclsyntax.Expression) int {
	w := &forWalker{}
	hclsyntax.Walk(expr, w)
	return w.max
}

type forWalker struct{ cur, max int }

func (w *forWalker) Enter(n hclsyntax.Node) hcl.Diagnostics {
	if _, ok := n.(*hclsyntax.ForExpr); ok {
		w.cur++
		w.max = max(w.max, w.cur)
	}
	return nil
}

func (w *forWalker) Exit(n hclsyntax.Node) hcl.Diagnostics {
	if _, ok := n.(*hclsyntax.ForExpr); ok {
		w.cur--
	}
	return nil
}
