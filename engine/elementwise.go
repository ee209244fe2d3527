package engine

// Which rules can see a plan's resource changes a slice at a time.
//
// A Terraform plan can be hundreds of megabytes, almost all of it in
// input.resource_changes, and OPA's value of it takes about nine times the
// bytes. Most plan rules look at one resource change at a time:
//
//	deny contains msg if {
//		rc := input.resource_changes[_]
//		rc.type == "aws_s3_bucket"
//		rc.change.after.acl == "public-read"
//		msg := ...
//	}
//
// Such a rule gives, over the whole plan, the union of what it gives over
// each slice of it, provided the slice keeps every change at its index
// (the others are null, so indexes, paths and count() stay the same). A
// rule that counts, sorts or negates over the changes (mass_destroy:
// count(deletes) > 10), or joins two of them, does not; it is evaluated
// once over the whole plan, converted only in the parts it reads of each
// change (elementReads).
//
// elementwise decides, on the compiled rules, which kind a rule is. Values
// are classified as:
//
//   - clean: the same in every slice as in the whole plan (other parts of
//     input, count(input.resource_changes), data);
//   - elem: computed from one change (the one a body iterates to);
//   - coll: a collection every member of which comes from one change (a
//     comprehension over the changes, a partial set rule like
//     tfplan.deletes, a function returning such a comprehension).
//
// A body may take at most one change: one iteration over
// input.resource_changes (one index variable) or over a coll. A coll may
// only be iterated or tested for a member, never passed whole (count,
// sort, ==), negated, or built into another value; an elem may be used
// anywhere in its body, negated too (a property of that change). Anything
// else, or anything the analysis does not know (with, every, input[k],
// input.resource_changes[0]), is not elementwise. Being conservative only
// costs memory: such rules are evaluated over the whole plan as before.
//
// Null changes can match a rule (not rc.encrypted); the engine checks that
// the elementwise rules give nothing over a plan of nulls before it uses
// slices (planstream.go).

import (
	"github.com/open-policy-agent/opa/v1/ast"
)

// taint is what a value depends on of the changes.
type taint uint8

const (
	clean taint = iota
	elem
	coll
	bad
)

func join(a, b taint) taint { return max(a, b) }

// changesKey is the member of a plan that rules may see by slices.
const changesKey = "resource_changes"

// splitter classifies rules (see above), each once.
type splitter struct {
	c    *ast.Compiler
	memo map[*ast.Rule]taint
	// why is the first expression found not elementwise (tests, debugging).
	why string
}

func newSplitter(c *ast.Compiler) *splitter {
	return &splitter{c: c, memo: map[*ast.Rule]taint{}}
}

// refKind is the join of the kinds of the rules ref can reach: clean when
// they do not depend on the changes, coll when they are collections of
// per-change members, bad otherwise.
func (s *splitter) refKind(ref ast.Ref) taint {
	k := clean
	for _, r := range s.c.GetRulesDynamicWithOpts(ref, ast.RulesOptions{}) {
		k = join(k, s.ruleKind(r))
	}
	return k
}

// ruleKind classifies one rule (with its else branches).
func (s *splitter) ruleKind(r *ast.Rule) taint {
	if k, ok := s.memo[r]; ok {
		return k
	}
	s.memo[r] = bad // recursion is not valid Rego; be safe anyway
	k := s.classify(r)
	s.memo[r] = k
	return k
}

func (s *splitter) classify(r *ast.Rule) taint {
	h := r.Head
	b := s.body(r.Body, nil)
	if b.bad || len(b.sources) > 1 {
		return bad
	}
	headTaint := clean
	for _, t := range []*ast.Term{h.Key, h.Value} {
		if t != nil {
			headTaint = join(headTaint, b.term(t))
		}
	}
	for _, a := range h.Args {
		headTaint = join(headTaint, b.term(a))
	}
	if b.bad {
		return bad
	}
	if r.Else != nil {
		for e := r.Else; e != nil; e = e.Else {
			if s.classify(e) != clean {
				return bad
			}
		}
		if len(b.sources) > 0 || headTaint != clean {
			return bad
		}
	}
	if h.RuleKind() == ast.MultiValue {
		switch {
		case headTaint == coll || headTaint == bad:
			return bad
		case len(b.sources) == 1 || headTaint == elem:
			return coll
		}
		return clean
	}
	// A single value: a complete rule, a function or a partial object. Its
	// value may not depend on which change a body took (two changes could
	// give two values: a conflict over the whole plan).
	if len(b.sources) > 0 {
		return bad
	}
	switch headTaint {
	case clean:
		return clean
	case coll:
		// Returning a coll is fine when it is the rule's only value.
		if h.Key == nil && !r.Default && r.Else == nil && len(s.c.GetRulesExact(r.Path())) == 1 {
			return coll
		}
	}
	return bad
}

// bodyScan is the analysis of one body: the taint of its variables and
// the changes it takes.
type bodyScan struct {
	s       *splitter
	vars    map[ast.Var]taint
	sources map[any]bool // index variables of input.resource_changes, coll iterations
	bad     bool
	// inputVars are compiler variables standing for input (`__local1__ =
	// input`, made for builtin operands).
	inputVars map[ast.Var]bool
	// changesVars stand for input.resource_changes (`__local2__ =
	// input.resource_changes; count(__local2__)`).
	changesVars map[ast.Var]bool
	// first is the index of the expression where a variable of this body
	// first appears (outer variables are not in it); idx is the current one.
	first map[ast.Var]int
	idx   int
	cur   *ast.Expr
}

// body analyses b; outer is the analysis of the enclosing body for a
// comprehension (its variables are visible inside), nil for a rule body.
func (s *splitter) body(b ast.Body, outer *bodyScan) *bodyScan {
	x := &bodyScan{s: s, vars: map[ast.Var]taint{}, sources: map[any]bool{},
		inputVars: map[ast.Var]bool{}, changesVars: map[ast.Var]bool{}, first: map[ast.Var]int{}}
	if outer != nil {
		x.cur = outer.cur
		for v, t := range outer.vars {
			x.vars[v] = t
		}
		for v := range outer.inputVars {
			x.inputVars[v] = true
		}
		for v := range outer.changesVars {
			x.changesVars[v] = true
		}
	}
	for _, e := range b {
		if v, ref, ok := varIsInputRef(e); ok {
			switch {
			case len(ref) == 1:
				x.inputVars[v] = true
			case len(ref) == 2 && ref[1].Equal(ast.StringTerm(changesKey)):
				x.changesVars[v] = true
			}
		}
	}
	for i, e := range b {
		walkOwnVars(e, func(v ast.Var) {
			if _, ok := x.first[v]; !ok && (outer == nil || !outer.known(v)) {
				x.first[v] = i
			}
		})
	}
	// Compiled bodies bind variables before using them; a second pass
	// covers the taint of outer variables used in comprehensions.
	for range 2 {
		for i, e := range b {
			x.idx = i
			x.expr(e)
		}
	}
	return x
}

// known reports whether v is a variable of this body or an enclosing one.
func (x *bodyScan) known(v ast.Var) bool {
	_, ok := x.first[v]
	_, outer := x.vars[v]
	return ok || outer
}

func (x *bodyScan) fail() taint {
	if !x.bad && x.s.why == "" && x.cur != nil {
		x.s.why = x.cur.String()
	}
	x.bad = true
	return bad
}

// bind gives the variables of t that the current expression binds (their
// first appearance in the body, outside comprehensions) at least taint k.
// Variables bound before keep theirs: `y = x[k]` with k bound earlier looks
// a value up, it does not make k depend on x.
func (x *bodyScan) bind(t *ast.Term, k taint) {
	walkOwnVars(t, func(v ast.Var) {
		if i, ok := x.first[v]; ok && i == x.idx && x.vars[v] < k {
			x.vars[v] = k
		}
	})
}

// walkOwnVars calls f for the variables of x outside the comprehensions in
// it (their bodies have variables of their own).
func walkOwnVars(x any, f func(ast.Var)) {
	ast.NewGenericVisitor(func(n any) bool {
		switch n := n.(type) {
		case *ast.ArrayComprehension, *ast.SetComprehension, *ast.ObjectComprehension:
			return true
		case ast.Var:
			f(n)
		}
		return false
	}).Walk(x)
}

func (x *bodyScan) expr(e *ast.Expr) {
	x.cur = e
	if len(e.With) > 0 {
		x.fail()
		return
	}
	if v, _, ok := varIsInputRef(e); ok && (x.inputVars[v] || x.changesVars[v]) {
		return // its uses are checked
	}
	before := len(x.sources)
	switch t := e.Terms.(type) {
	case *ast.SomeDecl:
		return
	case *ast.Every:
		k := join(x.term(t.Domain), clean)
		inner := x.s.body(t.Body, x)
		if k == coll || inner.bad || len(inner.sources) > 0 {
			x.fail()
		}
		return
	case *ast.Term:
		if x.term(t) == coll {
			x.fail() // the truth of a whole collection
		}
	case []*ast.Term:
		switch {
		case e.IsEquality() || e.IsAssignment():
			x.unify(t[1], t[2])
		default:
			x.call(t)
		}
	}
	if e.Negated && len(x.sources) > before {
		x.fail() // not (some change ...): over every change
	}
}

// unify handles a = b.
func (x *bodyScan) unify(a, b *ast.Term) {
	ka, kb := x.term(a), x.term(b)
	switch {
	case ka == coll || kb == coll:
		// Only a variable may stand for a whole collection.
		_, va := a.Value.(ast.Var)
		_, vb := b.Value.(ast.Var)
		if !va && !vb {
			x.fail()
			return
		}
		x.bind(a, coll)
		x.bind(b, coll)
	default:
		k := join(ka, kb)
		x.bind(a, k)
		x.bind(b, k)
	}
}

// call handles op(args...) with or without an output argument.
func (x *bodyScan) call(terms []*ast.Term) {
	op := terms[0]
	args := terms[1:]
	ref, _ := op.Value.(ast.Ref)
	if ref.HasPrefix(ast.DefaultRootRef) {
		k := x.s.refKind(ref)
		rules := x.s.c.GetRulesDynamicWithOpts(ref, ast.RulesOptions{})
		ins, out := args, (*ast.Term)(nil)
		if len(rules) > 0 && len(args) > len(rules[0].Head.Args) {
			ins, out = args[:len(args)-1], args[len(args)-1]
		}
		in := clean
		for _, a := range ins {
			in = join(in, x.term(a))
		}
		switch {
		case k == bad || in == coll:
			x.fail()
		case k == coll && in != clean:
			x.fail() // a coll chosen by a change: two changes
		case out == nil && k == coll:
			x.fail() // the truth of a whole collection
		case out == nil:
		case k == coll:
			x.bind(out, coll)
		default:
			x.bind(out, in)
		}
		return
	}
	name := op.String()
	switch {
	case (name == ast.IsArray.Name || name == ast.Count.Name) && len(args) >= 1 && isWholeChanges(args[0], x.changesVars):
		for _, a := range args[1:] {
			x.term(a)
		}
		return
	case name == ast.ObjectGet.Name && len(args) >= 3 && x.isInput(args[0]):
		// object.get(input, key or path, default): a part of input.
		if p, ok := constantPath(args[1].Value); !ok || p[0] == changesKey {
			x.fail()
			return
		}
		in := clean
		for _, a := range args[1:] {
			in = join(in, x.term(a))
		}
		if in == coll {
			x.fail()
		}
		for _, a := range args[1:] {
			x.bind(a, in)
		}
		return
	case name == ast.Member.Name && len(args) == 2 || name == ast.MemberWithKey.Name && len(args) == 3:
		// x in c, without an output: when c is a coll, a member of it,
		// which comes from one change.
		if c := args[len(args)-1]; x.term(c) == coll {
			x.sources[c] = true
			for _, a := range args[:len(args)-1] {
				if x.term(a) == coll {
					x.fail()
				}
				x.bind(a, elem)
			}
			return
		}
	}
	in := clean
	for _, a := range args {
		in = join(in, x.term(a))
	}
	if in == coll {
		x.fail() // count, sort, concat... over a collection
		return
	}
	for _, a := range args {
		x.bind(a, in)
	}
}

func (x *bodyScan) isInput(t *ast.Term) bool {
	v, ok := t.Value.(ast.Var)
	return ok && (v.Equal(ast.InputRootDocument.Value) || x.inputVars[v])
}

// term returns the taint of t's value, recording the changes it takes.
func (x *bodyScan) term(t *ast.Term) taint {
	switch v := t.Value.(type) {
	case ast.Var:
		if x.isInput(t) || x.changesVars[v] {
			return x.fail() // input, or the changes, as a whole
		}
		return x.vars[v]
	case ast.Ref:
		return x.ref(t, v)
	case ast.Call:
		x.call(v)
		return elem // conservative: the output of a nested call
	case *ast.ArrayComprehension:
		return x.comprehension(ast.NewArray(v.Term), v.Body)
	case *ast.SetComprehension:
		return x.comprehension(ast.NewArray(v.Term), v.Body)
	case *ast.ObjectComprehension:
		return x.comprehension(ast.NewArray(v.Key, v.Value), v.Body)
	case *ast.Array, ast.Object, ast.Set:
		k := clean
		ast.WalkTerms(v, func(u *ast.Term) bool {
			if u == t {
				return false
			}
			k = join(k, x.term(u))
			return true
		})
		if k == coll {
			return x.fail() // a collection inside a value
		}
		return k
	}
	return clean
}

// comprehension classifies [head | body].
func (x *bodyScan) comprehension(head *ast.Array, b ast.Body) taint {
	inner := x.s.body(b, x)
	k := clean
	head.Foreach(func(t *ast.Term) { k = join(k, inner.term(t)) })
	if inner.bad || k == coll || len(inner.sources) > 1 {
		return x.fail()
	}
	outerElem := false
	ast.WalkVars(b, func(v ast.Var) bool {
		outerElem = outerElem || x.vars[v] == elem
		return false
	})
	ast.WalkVars(head, func(v ast.Var) bool {
		outerElem = outerElem || x.vars[v] == elem
		return false
	})
	if len(inner.sources) == 1 {
		if outerElem {
			return x.fail() // members from two changes
		}
		return coll
	}
	return k
}

// ref classifies a reference.
func (x *bodyScan) ref(t *ast.Term, ref ast.Ref) taint {
	rest := func(from int) taint {
		k := clean
		for _, u := range ref[from:] {
			k = join(k, x.term(u))
		}
		return k
	}
	head := ref[0]
	switch {
	case x.isInput(head):
		if len(ref) < 2 {
			return x.fail()
		}
		if _, ok := ref[1].Value.(ast.String); !ok {
			return x.fail() // input[k]: any member
		}
		if !ref[1].Equal(ast.StringTerm(changesKey)) {
			if k := rest(2); k == coll {
				return x.fail()
			}
			return clean
		}
		if len(ref) == 2 {
			return x.fail() // the changes as a whole
		}
		iv, ok := ref[2].Value.(ast.Var)
		if !ok {
			return x.fail() // one change by its index
		}
		x.sources[iv] = true
		x.vars[iv] = join(x.vars[iv], elem)
		if rest(3) == coll {
			return x.fail()
		}
		x.bind(ast.NewTerm(ref[3:]), elem)
		return elem
	case head.Equal(ast.DefaultRootDocument):
		k := x.s.refKind(ref)
		if k != coll {
			if r := rest(1); r == coll || k == bad {
				return x.fail()
			} else {
				return join(k, r)
			}
		}
		// The rules of a coll are partial sets or single rules (classify),
		// so their path is ground.
		rules := x.s.c.GetRulesDynamicWithOpts(ref, ast.RulesOptions{})
		full := len(rules[0].Path())
		for _, r := range rules {
			if len(ref) < full || !r.Path().Equal(ref[:full]) {
				return x.fail() // data.pkg[x] and the like
			}
		}
		if len(ref) < full {
			return x.fail()
		}
		if len(ref) == full {
			return coll
		}
		x.sources[t] = true
		if rest(full) == coll {
			return x.fail()
		}
		x.bind(ast.NewTerm(ref[full:]), elem)
		return elem
	default:
		hk := x.term(head)
		if hk == bad {
			return bad
		}
		if hk == coll {
			if len(ref) < 2 {
				return coll
			}
			x.sources[t] = true
			hk = elem
		}
		if rest(1) == coll {
			return x.fail()
		}
		if hk == elem {
			x.bind(ast.NewTerm(ref[1:]), elem)
		}
		return hk
	}
}

// elementReads is what the rules (and query body) read of each resource
// change: the constant keys after a variable bound to a change
// (`rc = input.resource_changes[i]`; rc.change.actions, object.get(rc,
// "mode", d)) or after input.resource_changes[i] itself. A change used in
// any other way (passed to a function, compared whole), or the changes as
// a whole (other than in is_array and count), are read whole.
func elementReads(rules []*ast.Rule, body ast.Body) *keyTree {
	t := &keyTree{}
	for _, r := range rules {
		for e := r; e != nil && !t.whole; e = e.Else {
			elementReadsOf(e, t)
		}
	}
	if !t.whole {
		elementReadsOf(body, t)
	}
	return t
}

func elementReadsOf(x any, t *keyTree) {
	// Variables bound to a change, and compiler variables for the changes
	// as a whole (`__local3__ = input.resource_changes; count(__local3__)`).
	changes, whole := map[ast.Var]bool{}, map[ast.Var]bool{}
	inputs := map[ast.Var]bool{ast.InputRootDocument.Value.(ast.Var): true}
	defs := map[*ast.Expr]bool{}
	ast.WalkExprs(x, func(e *ast.Expr) bool {
		if v, ok := inputVarDef(e); ok {
			inputs[v] = true
			defs[e] = true
			return false
		}
		if !e.IsEquality() || e.Negated || len(e.With) > 0 {
			return false
		}
		a, b := e.Operand(0), e.Operand(1)
		if _, ok := b.Value.(ast.Var); ok {
			a, b = b, a
		}
		v, isVar := a.Value.(ast.Var)
		ref, isRef := b.Value.(ast.Ref)
		if !isVar || !isRef || !changesRef(ref) {
			return false
		}
		switch {
		case len(ref) == 3:
			changes[v] = true
			defs[e] = true
		case len(ref) == 2 && v.IsGenerated():
			whole[v] = true
			defs[e] = true
		}
		return false
	})
	keys := func(ref ast.Ref) []string {
		var path []string
		for _, k := range ref {
			s, ok := k.Value.(ast.String)
			if !ok {
				break
			}
			path = append(path, string(s))
		}
		return path
	}
	var vis *ast.GenericVisitor
	vis = ast.NewGenericVisitor(func(n any) bool {
		if t.whole {
			return true
		}
		switch n := n.(type) {
		case *ast.Expr:
			if defs[n] {
				// rc = input.resource_changes[i]: walk the index only.
				ast.WalkTerms(n, func(u *ast.Term) bool {
					if ref, ok := u.Value.(ast.Ref); ok && changesRef(ref) {
						walkTerms(vis, ref[2:])
						return true
					}
					return false
				})
				return true
			}
			if len(n.With) > 0 {
				t.whole = true
				return true
			}
			if n.IsCall() {
				terms := n.Terms.([]*ast.Term)
				name := terms[0].String()
				switch {
				case (name == ast.IsArray.Name || name == ast.Count.Name) && len(terms) >= 2 && isWholeChanges(terms[1], whole):
					for _, u := range terms[2:] {
						vis.Walk(u)
					}
					return true
				case name == ast.ObjectGet.Name && len(terms) >= 4:
					if v, ok := terms[1].Value.(ast.Var); ok && inputs[v] {
						if p, ok := constantPath(terms[2].Value); ok && p[0] != changesKey {
							for _, u := range terms[2:] {
								vis.Walk(u)
							}
							return true
						}
					}
					if v, ok := terms[1].Value.(ast.Var); ok && changes[v] {
						if p, ok := constantPath(terms[2].Value); ok {
							t.add(p)
							for _, u := range terms[2:] {
								vis.Walk(u)
							}
							return true
						}
					}
				}
			}
		case ast.Ref:
			if v, ok := n[0].Value.(ast.Var); ok && changes[v] {
				t.add(keys(n[1:]))
				walkTerms(vis, n[1:])
				return true
			}
			if changesRef(n) {
				if len(n) == 2 {
					t.whole = true
					return true
				}
				t.add(keys(n[3:]))
				walkTerms(vis, n[2:])
				return true
			}
			if v, ok := n[0].Value.(ast.Var); ok && inputs[v] {
				if len(n) < 2 || !n[1].IsGround() {
					t.whole = true // input or input[k]
					return true
				}
				walkTerms(vis, n[1:])
				return true
			}
		case ast.Var:
			if changes[n] || whole[n] || inputs[n] {
				t.whole = true // a change, the changes or input, as a value
			}
		}
		return t.whole
	})
	vis.Walk(x)
}

func walkTerms(vis *ast.GenericVisitor, ts []*ast.Term) {
	for _, u := range ts {
		vis.Walk(u)
	}
}

// changesRef reports whether ref starts with input.resource_changes.
func changesRef(ref ast.Ref) bool {
	return len(ref) >= 2 && ref[0].Equal(ast.InputRootDocument) && ref[1].Equal(ast.StringTerm(changesKey))
}

// isWholeChanges reports whether u is input.resource_changes itself, or one
// of vars, the compiler's variables standing for it.
func isWholeChanges(u *ast.Term, vars map[ast.Var]bool) bool {
	switch v := u.Value.(type) {
	case ast.Var:
		return vars[v]
	case ast.Ref:
		return len(v) == 2 && changesRef(v)
	}
	return false
}

// countsChanges reports whether the rules (and query body) count the
// changes: count(input.resource_changes), the one use of the whole array
// that depends on its length (elementwise rules use it no other way).
func countsChanges(rules []*ast.Rule, body ast.Body) bool {
	found := false
	check := func(x any) {
		whole := map[ast.Var]bool{}
		ast.WalkExprs(x, func(e *ast.Expr) bool {
			if v, ref, ok := varIsInputRef(e); ok && len(ref) == 2 && changesRef(ref) {
				whole[v] = true
			}
			return false
		})
		ast.WalkExprs(x, func(e *ast.Expr) bool {
			if e.IsCall() {
				terms := e.Terms.([]*ast.Term)
				if terms[0].String() == ast.Count.Name && len(terms) >= 2 && isWholeChanges(terms[1], whole) {
					found = true
				}
			}
			return found
		})
	}
	for _, r := range rules {
		for e := r; e != nil && !found; e = e.Else {
			check(e)
		}
	}
	if !found {
		check(body)
	}
	return found
}
