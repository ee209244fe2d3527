package tfeval

import (
	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/function"
)

// scope is what the expressions of one module can refer to: var.*,
// local.* and the pure functions. Values that could not be resolved are
// cty.DynamicVal (unknown).
type scope struct {
	vars   map[string]cty.Value
	locals map[string]cty.Value
	funcs  map[string]function.Function
}

// eval evaluates expr. Any error (an undeclared name, a type mismatch, a
// function failing, a bound exceeded) makes the result unknown.
// References to anything but var.* and local.* (resources, data sources,
// modules, count, each, self, path, terraform, iterators of dynamic
// blocks) are unknown values, so functions see them as unknown rather than
// failing; try() and can() then stay unknown too, as they do in a plan.
func (s *scope) eval(expr hcl.Expression) cty.Value {
	syn, native := expr.(hclsyntax.Expression)
	if native && forDepth(syn) > maxForDepth {
		return cty.DynamicVal
	}
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
			vars[root] = cty.DynamicVal
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
	ctx := &hcl.EvalContext{Variables: vars, Functions: s.funcs}
	if native {
		if stubs := unknownFuncs(syn, s.funcs); stubs != nil {
			ctx = ctx.NewChild()
			ctx.Functions = stubs
		}
	}
	v, diags := expr.Value(ctx)
	if diags.HasErrors() || v == cty.NilVal || tooBig(v) {
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
