package tfeval

import (
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
}

// evaluator evaluates expressions in a scope against one work budget. It
// is used by one goroutine: NewModule and each Apply make their own.
type evaluator struct {
	scope  *scope
	funcs  map[string]function.Function
	budget *budget
	// iters are the iterators of the dynamic blocks being expanded
	// (ingress.key, ingress.value), by name.
	iters map[string]cty.Value
}

// workLimit is the work (for-expression iterations plus the size of
// function results) one NewModule or one Apply may spend: about a second
// at worst. Expressions evaluated after it is spent stay unknown.
const workLimit = 100_000

func newEvaluator(s *scope) *evaluator {
	b := &budget{left: workLimit}
	return &evaluator{scope: s, funcs: functions(b), budget: b}
}

// budget counts work down; once spent, every evaluation is unknown.
type budget struct{ left int }

func (b *budget) spend(n int) bool {
	b.left -= n
	return b.left >= 0
}

// The functions wrapped around the parts of every for expression so that
// its work is counted (the "::" keeps them apart from Terraform's names):
// budgetFunc around the collection charges one unit per element,
// chargeFunc around the key and value expressions charges the size of
// what each iteration produces.
const (
	budgetFunc = "infragate::iterations"
	chargeFunc = "infragate::charge"
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
	if ev.budget.left <= 0 || forDepth(syn) > maxForDepth {
		return cty.DynamicVal
	}
	meter(syn)
	ctx := &hcl.EvalContext{Functions: map[string]function.Function{
		budgetFunc: ev.funcs[budgetFunc], chargeFunc: ev.funcs[chargeFunc],
	}}
	v, diags := syn.Value(ctx)
	if diags.HasErrors() || v == cty.NilVal || !ev.fits(v) {
		return cty.DynamicVal
	}
	return v
}

// fits spends the size of v and reports whether it is within the value
// bounds and the budget.
func (ev *evaluator) fits(v cty.Value) bool {
	n, ok := size(v)
	return ev.budget.spend(n) && ok
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
	if !native || ev.budget.left <= 0 || forDepth(syn) > maxForDepth {
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
	if diags.HasErrors() || v == cty.NilVal || !ev.fits(v) {
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
