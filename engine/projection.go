package engine

// Converting only what the rules can read.
//
// Every document is converted into an OPA value before evaluation, although
// the rules that apply to a format often read a few of its top-level keys:
// the bench's Terraform rules read resource, module and terraform, not
// variable, output or locals; plan rules read resource_changes, not
// planned_values, prior_state or configuration, which are most of a real
// plan. A rule cannot observe a key it never names. So when every reference
// to input in the rules a query can reach names its first key
// (input.resource..., input["kind"], object.get(input, "kind", d),
// object.get(input, ["metadata", "name"], d)), the engine converts just the
// named keys (inputUse.value). Anything else (input alone, walk(input),
// input[k] with a variable k, `with input as ...`) means every key.
//
// A document holding none of the named keys becomes the empty object, the
// same for every such document. When the policies cannot tell files apart
// (reuse.go: no data.conftest, no non-deterministic builtin, no print) and
// the empty object gives no result of any rule and no error, such a
// document is not evaluated at all: a variables.tf under Terraform rules
// that read only resource, a quarter of the bench's Terraform files.

import (
	"context"
	"sync"

	"github.com/open-policy-agent/opa/v1/ast"
)

// inputUse is what the rules of one prepared query can read of input.
type inputUse struct {
	all  bool            // any key, or input as a whole
	keys map[string]bool // the top-level keys named, when !all

	// The verdict of the empty document, taken once (emptyClean).
	emptyOnce sync.Once
	clean     bool
}

// queryInputUse finds the rules the query body can reach (following every
// reference to data, with OPA's over-approximation for references with
// variables) and what they read of input.
func queryInputUse(c *ast.Compiler, body ast.Body) *inputUse {
	u := &inputUse{keys: map[string]bool{}}
	seen := map[*ast.Rule]bool{}
	var queue []*ast.Rule
	follow := func(x any) {
		ast.WalkRefs(x, func(ref ast.Ref) bool {
			if !ref.HasPrefix(ast.DefaultRootRef) {
				return false
			}
			for _, r := range c.GetRulesDynamicWithOpts(ref, ast.RulesOptions{}) {
				if !seen[r] {
					seen[r] = true
					queue = append(queue, r)
				}
			}
			return false
		})
	}
	u.scan(body)
	follow(body)
	for len(queue) > 0 && !u.all {
		r := queue[len(queue)-1]
		queue = queue[:len(queue)-1]
		u.scan(r) // its else branches too
		follow(r)
	}
	if u.all {
		u.keys = nil
	}
	return u
}

// scan records what x reads of input.
func (u *inputUse) scan(x any) {
	// The compiler moves a call's operands into local variables:
	// object.get(input, k, d) becomes `__local1__ = input;
	// object.get(__local1__, k, d)`. Such a variable stands for input.
	aliases := map[ast.Var]bool{}
	ast.WalkExprs(x, func(e *ast.Expr) bool {
		if v, ok := inputAlias(e); ok {
			aliases[v] = true
		}
		return false
	})
	isInput := func(t *ast.Term) bool {
		switch v := t.Value.(type) {
		case ast.Var:
			return v.Equal(ast.InputRootDocument.Value) || aliases[v]
		case ast.Ref:
			return len(v) == 1 && v[0].Equal(ast.InputRootDocument)
		}
		return false
	}
	var vis *ast.GenericVisitor
	// call handles object.get(input, key, default) with a constant key or
	// a path with a constant first key (terms: operator first).
	call := func(terms []*ast.Term) bool {
		if len(terms) < 3 || terms[0].Value.Compare(ast.ObjectGet.Ref()) != 0 || !isInput(terms[1]) {
			return false
		}
		k, ok := firstKey(terms[2].Value)
		if !ok {
			return false
		}
		u.keys[k] = true
		for _, t := range terms[2:] {
			vis.Walk(t)
		}
		return true
	}
	vis = ast.NewGenericVisitor(func(x any) bool {
		if u.all {
			return true
		}
		switch x := x.(type) {
		case *ast.Expr:
			if _, ok := inputAlias(x); ok {
				return true
			}
			if x.IsCall() && call(x.Terms.([]*ast.Term)) {
				for _, w := range x.With {
					vis.Walk(w)
				}
				return true
			}
		case ast.Call:
			return call(x)
		case ast.Ref:
			if len(x) == 0 || !isInput(x[0]) {
				return false
			}
			if len(x) < 2 {
				u.all = true
				return true
			}
			k, ok := x[1].Value.(ast.String)
			if !ok {
				u.all = true
				return true
			}
			u.keys[string(k)] = true
			for _, t := range x[1:] {
				vis.Walk(t)
			}
			return true // the head is a name, not a value
		case ast.Var:
			// input (or a variable standing for it) outside a ref's
			// head: passed on as a whole.
			if x.Equal(ast.InputRootDocument.Value) || aliases[x] {
				u.all = true
			}
		}
		return u.all
	})
	vis.Walk(x)
}

// inputAlias reports whether e is `v = input` for a local variable v.
func inputAlias(e *ast.Expr) (ast.Var, bool) {
	if !e.IsEquality() || e.Negated || len(e.With) > 0 {
		return "", false
	}
	a, b := e.Operand(0), e.Operand(1)
	if _, ok := b.Value.(ast.Var); ok {
		a, b = b, a
	}
	v, ok := a.Value.(ast.Var)
	ref, isRef := b.Value.(ast.Ref)
	if !ok || !isRef || !ref.Equal(ast.InputRootRef) || !v.IsGenerated() {
		return "", false
	}
	return v, true
}

// firstKey is the top-level key that a key or path operand names: a string,
// or an array starting with one.
func firstKey(v ast.Value) (string, bool) {
	switch k := v.(type) {
	case ast.String:
		return string(k), true
	case *ast.Array:
		if k.Len() > 0 {
			if s, ok := k.Elem(0).Value.(ast.String); ok {
				return string(s), true
			}
		}
	}
	return "", false
}

// value converts a document for evaluation: the keys the rules can read
// when the document is an object and they do not read it all.
func (u *inputUse) value(doc any) (ast.Value, error) {
	m, ok := doc.(map[string]any)
	if u == nil || u.all || !ok {
		return ast.InterfaceToValue(doc)
	}
	kvs := make([][2]*ast.Term, 0, min(len(u.keys), len(m)))
	add := func(k string, v any) error {
		val, err := ast.InterfaceToValue(v)
		if err != nil {
			return err
		}
		kvs = append(kvs, [2]*ast.Term{ast.StringTerm(k), ast.NewTerm(val)})
		return nil
	}
	var err error
	if len(m) < len(u.keys) {
		for k, v := range m {
			if u.keys[k] && err == nil {
				err = add(k, v)
			}
		}
	} else {
		for k := range u.keys {
			if v, ok := m[k]; ok && err == nil {
				err = add(k, v)
			}
		}
	}
	if err != nil {
		return nil, err
	}
	return ast.NewObject(kvs...), nil
}

// emptyClean reports whether the empty document gives no result of any
// rule and no error, evaluating it on first use. Only then may a document
// whose value for the rules is empty go unevaluated, and only when the
// policies cannot tell files apart.
func (e *Engine) emptyClean(ctx context.Context, u *inputUse, scope fileScope) bool {
	if u == nil || !e.filesAlike {
		return false
	}
	u.emptyOnce.Do(func() {
		bindings, errs := e.eval(ctx, ast.NewObject(), scope)
		if len(errs) > 0 || ctx.Err() != nil {
			return
		}
		// Each binding holds the values of one rule (ruleBinding):
		// clean when every one is an empty set, array or object.
		for _, v := range bindings {
			vals, ok := v.([]any)
			if !ok {
				return
			}
			for _, val := range vals {
				switch x := val.(type) {
				case []any:
					if len(x) > 0 {
						return
					}
				case map[string]any:
					if len(x) > 0 {
						return
					}
				default:
					return
				}
			}
		}
		u.clean = true
	})
	return u.clean
}
