package engine

// Locating string-only results.
//
// Most conftest policies return only a message. To put such a finding on
// the attribute or block that the rule's evaluation read, the document is
// evaluated a second time (only when it produced unlocated findings):
//
//  1. The document becomes freshly allocated terms whose Location names
//     their data path (File is a sentinel, Row indexes a path table).
//     Equality, hashing and output ignore Location, so results do not
//     change, and the evaluator binds the very term objects it reads from
//     the input, also through sets, rule and function caches.
//  2. A small tracer records, at the Exit event of every rule, function and
//     ref-head rule, the bindings of the rule's variables (evt.Plug). For
//     deny/warn/violation rules only derivations whose head equals a
//     pending message are kept.
//  3. The compiled body of the derivation that produced a message is walked
//     with those bindings: input refs are instantiated, helper rules,
//     functions and closures are followed, expressions that only build the
//     message are skipped, missing attributes (negation, object.get)
//     contribute their nearest existing ancestor plus the missing suffix.
//     A helper's derivation is walked too: its filter says why an element
//     is in the helper's set. Of the paths read, the leaves inside the
//     innermost iterated element (the "subject": the container, the
//     resource block, the ingress block) are kept, but for the element's
//     own kind, apiVersion or Type when anything else is; other checks,
//     such as `input.kind == ...`, are guards. Without an iterated element,
//     document-level scalars are the guards when the rule read anything
//     deeper; a rule that read only the kind and apiVersion is about the
//     whole document. The
//     finding's path is the longest common prefix of the remaining leaves,
//     looked up in the source map: a rule reading cidr_blocks, from_port and
//     to_port of one ingress block lands on that block; a missing attribute
//     lands on its nearest existing ancestor (the resource block).
//
// When several derivations give the same message (a set keeps one), the
// first one evaluated is used.
//
// Anything that fails (deadline, no matching derivation, nothing read)
// leaves the finding where it was. The term-identity behaviour of step 1 is
// not a documented OPA guarantee; locate_test.go checks it directly.

import (
	"context"
	"slices"
	"sort"
	"strconv"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/rego"
	"github.com/open-policy-agent/opa/v1/topdown"
	"github.com/open-policy-agent/opa/v1/topdown/print"

	"github.com/infragate/infragate/parsers"
)

const (
	// inputLocFile marks a Location as a data path of the input document.
	// No policy file can have this name.
	inputLocFile = "\x00infragate:input"
	// locMaxDepth bounds how deep helper rules and functions are followed.
	locMaxDepth = 8
	// locMaxSteps bounds the terms visited to locate one finding.
	locMaxSteps = 20000
	// locMaxRecords bounds the rule exits recorded for one document.
	locMaxRecords = 50000
)

// inputNode is one entry of the path table: the term at Row = index+1.
type inputNode struct {
	parent int32 // -1 for children of the root
	key    string
	scalar bool
}

// inputTable converts a document into location-carrying terms and maps the
// terms back to data paths.
type inputTable struct {
	root  ast.Value
	nodes []inputNode
	locs  []ast.Location // current allocation chunk
}

func newInputTable(v ast.Value) *inputTable {
	t := &inputTable{}
	t.root = t.copyValue(v, -1)
	return t
}

func (t *inputTable) add(parent int32, key string, v ast.Value) (int32, *ast.Location) {
	_, isObj := v.(ast.Object)
	_, isArr := v.(*ast.Array)
	t.nodes = append(t.nodes, inputNode{parent: parent, key: key, scalar: !isObj && !isArr})
	if len(t.locs) == 0 {
		t.locs = make([]ast.Location, 256)
	}
	loc := &t.locs[0]
	t.locs = t.locs[1:]
	loc.File = inputLocFile
	loc.Row = len(t.nodes)
	return int32(len(t.nodes) - 1), loc
}

// copyValue deep-copies v into fresh terms (scalars are immutable and
// shared; every term around them is new).
func (t *inputTable) copyValue(v ast.Value, self int32) ast.Value {
	switch x := v.(type) {
	case ast.Object:
		items := make([][2]*ast.Term, 0, x.Len())
		x.Foreach(func(k, val *ast.Term) {
			idx, loc := t.add(self, keyString(k.Value), val.Value)
			nv := t.copyValue(val.Value, idx)
			items = append(items, [2]*ast.Term{{Value: k.Value, Location: loc}, {Value: nv, Location: loc}})
		})
		return ast.NewObject(items...)
	case *ast.Array:
		elems := make([]*ast.Term, x.Len())
		for i := range elems {
			ev := x.Elem(i).Value
			idx, loc := t.add(self, strconv.Itoa(i), ev)
			elems[i] = &ast.Term{Value: t.copyValue(ev, idx), Location: loc}
		}
		return ast.NewArray(elems...)
	}
	return v
}

// node returns the table index of an input term.
func (t *inputTable) node(term *ast.Term) (int, bool) {
	if term == nil {
		return 0, false
	}
	if l := term.Location; l != nil && l.File == inputLocFile && l.Row >= 1 && l.Row <= len(t.nodes) {
		return l.Row - 1, true
	}
	return 0, false
}

// pathOf returns the data path of an input term.
func (t *inputTable) pathOf(term *ast.Term) (parsers.Path, bool) {
	if i, ok := t.node(term); ok {
		n := 0
		for j := int32(i); j >= 0; j = t.nodes[j].parent {
			n++
		}
		p := make(parsers.Path, n)
		for j := int32(i); j >= 0; j = t.nodes[j].parent {
			n--
			p[n] = t.nodes[j].key
		}
		return p, true
	}
	if term != nil && sameComposite(term.Value, t.root) {
		return parsers.Path{}, true
	}
	return nil, false
}

func (t *inputTable) isScalar(term *ast.Term) bool {
	if i, ok := t.node(term); ok {
		return t.nodes[i].scalar
	}
	return false
}

// sameComposite reports whether a and b are the same object or array
// (pointer identity, not equality).
func sameComposite(a, b ast.Value) bool {
	switch x := a.(type) {
	case ast.Object:
		y, ok := b.(ast.Object)
		return ok && x == y
	case *ast.Array:
		y, ok := b.(*ast.Array)
		return ok && x == y
	}
	return false
}

// keyString renders an object key or array index as a path element.
func keyString(v ast.Value) string {
	switch x := v.(type) {
	case ast.String:
		return string(x)
	case ast.Number:
		return string(x)
	}
	return v.String()
}

// exitRecord is one successful derivation of a rule: its variables
// plugged at the Exit event.
type exitRecord struct {
	rule   *ast.Rule
	vals   []*ast.Term // aligned with ruleInfo.vars; nil when unbound
	key    *ast.Term   // plugged Head.Key (partial sets)
	value  *ast.Term   // plugged Head.Value
	refKey *ast.Term   // plugged last element of a ref head with a variable (partial objects)
	args   []*ast.Term // plugged function arguments
}

// ruleInfo is what the locator caches about one compiled rule.
type ruleInfo struct {
	vars  []ast.Var
	terms []*ast.Term
	index map[ast.Var]int
	first map[ast.Var]int // body expression where each variable first occurs
	defs  [][]ast.Var     // variables first occurring in each expression
	skip  []bool          // message-only expressions (used for target rules only)
}

// target are the pending results of one rule group.
type target struct {
	msgs map[string]bool
	objs []ast.Value
}

func (t *target) wants(v ast.Value) bool {
	if s, ok := v.(ast.String); ok {
		return t.msgs[string(s)]
	}
	for _, o := range t.objs {
		if o.Compare(v) == 0 {
			return true
		}
	}
	return false
}

// locator holds the state of locating the findings of one document.
type locator struct {
	e       *Engine
	in      *inputTable
	rootT   *ast.Term
	targets map[*ast.Rule]*target
	infos   map[*ast.Rule]*ruleInfo
	recs    map[*ast.Rule][]*exitRecord
	nrec    int
}

// exitTracer forwards rule Exit events to the locator.
type exitTracer struct{ l *locator }

func (exitTracer) Enabled() bool               { return true }
func (exitTracer) Config() topdown.TraceConfig { return topdown.TraceConfig{PlugLocalVars: false} }

func (t exitTracer) TraceEvent(evt topdown.Event) {
	if evt.Op != topdown.ExitOp {
		return
	}
	if r, ok := evt.Node.(*ast.Rule); ok {
		t.l.record(r, &evt)
	}
}

func (l *locator) record(r *ast.Rule, evt *topdown.Event) {
	if l.nrec >= locMaxRecords {
		return
	}
	rec := &exitRecord{rule: r}
	if r.Head.Key != nil {
		rec.key = evt.Plug(r.Head.Key)
	}
	if r.Head.Value != nil {
		rec.value = evt.Plug(r.Head.Value)
	}
	if tg := l.targets[r]; tg != nil {
		res := rec.key
		if res == nil {
			res = rec.value
		}
		if res == nil || !tg.wants(res.Value) {
			return
		}
	}
	if ref := r.Head.Ref(); len(ref) > 1 && !ref[len(ref)-1].IsGround() {
		rec.refKey = evt.Plug(ref[len(ref)-1])
	}
	for _, a := range r.Head.Args {
		rec.args = append(rec.args, evt.Plug(a))
	}
	info := l.info(r)
	rec.vals = make([]*ast.Term, len(info.vars))
	for i, vt := range info.terms {
		if p := evt.Plug(vt); p != nil {
			if _, unbound := p.Value.(ast.Var); !unbound {
				rec.vals[i] = p
			}
		}
	}
	l.recs[r] = append(l.recs[r], rec)
	l.nrec++
}

// localVars lists the variables of x (not call operators, not the roots
// input/data), sorted.
func localVars(x any) []ast.Var {
	vis := ast.NewVarVisitor().WithParams(ast.VarVisitorParams{SkipRefCallHead: true})
	vis.Walk(x)
	out := make([]ast.Var, 0, len(vis.Vars()))
	for v := range vis.Vars() {
		if v.Equal(ast.InputRootDocument.Value) || v.Equal(ast.DefaultRootDocument.Value) {
			continue
		}
		out = append(out, v)
	}
	sort.Slice(out, func(i, j int) bool { return out[i] < out[j] })
	return out
}

func (l *locator) info(r *ast.Rule) *ruleInfo {
	if in, ok := l.infos[r]; ok {
		return in
	}
	var in *ruleInfo
	if l.e != nil {
		if cached, ok := l.e.ruleInfos.Load(r); ok {
			in = cached.(*ruleInfo)
		}
	}
	if in == nil {
		in = analyzeRule(r)
		if l.e != nil {
			l.e.ruleInfos.Store(r, in)
		}
	}
	l.infos[r] = in
	return in
}

// analyzeRule computes a rule's ruleInfo. It depends on the compiled rule
// only, so the engine computes it once per rule. skip is computed for every
// rule and used only for the rule whose result is being located.
func analyzeRule(r *ast.Rule) *ruleInfo {
	in := &ruleInfo{index: map[ast.Var]int{}, first: map[ast.Var]int{}}
	add := func(v ast.Var) {
		if _, ok := in.index[v]; !ok {
			in.index[v] = len(in.vars)
			in.vars = append(in.vars, v)
			in.terms = append(in.terms, ast.NewTerm(v))
		}
	}
	for _, v := range localVars(r.Head) {
		add(v)
	}
	for _, v := range localVars(r.Head.Args) {
		in.first[v] = -1
	}
	in.defs = make([][]ast.Var, len(r.Body))
	uses := map[ast.Var][]int{}
	for i, expr := range r.Body {
		for _, v := range localVars(expr) {
			add(v)
			uses[v] = append(uses[v], i)
			if _, ok := in.first[v]; !ok {
				in.first[v] = i
				in.defs[i] = append(in.defs[i], v)
			}
		}
	}
	in.skip = messageOnly(r, in, uses)
	return in
}

// messageOnly marks the body expressions of a deny-style rule that only
// compute its result (msg := sprintf(...) and the lookups feeding it): an
// expression is skipped when every variable it defines is used only by the
// rule head or by skipped expressions.
func messageOnly(r *ast.Rule, in *ruleInfo, uses map[ast.Var][]int) []bool {
	skip := make([]bool, len(r.Body))
	msgVar := map[ast.Var]bool{}
	for _, t := range []*ast.Term{r.Head.Key, r.Head.Value} {
		if t != nil {
			for _, v := range localVars(t) {
				msgVar[v] = true
			}
		}
	}
	for changed := true; changed; {
		changed = false
		for v, idx := range uses {
			if msgVar[v] {
				continue
			}
			others, all := 0, true
			for _, i := range idx {
				if i == in.first[v] {
					continue
				}
				others++
				if !skip[i] {
					all = false
					break
				}
			}
			if others > 0 && all {
				msgVar[v] = true
				changed = true
			}
		}
		for i, defs := range in.defs {
			if skip[i] || len(defs) == 0 {
				continue
			}
			all := true
			for _, v := range defs {
				if !msgVar[v] {
					all = false
					break
				}
			}
			if all {
				skip[i] = true
				changed = true
			}
		}
	}
	return skip
}

// locateTraced places the pending results of one document by re-evaluating
// it with the exit tracer. It returns, for each pending index, the path of
// the value the result is about (nil when it could not be located).
func (e *Engine) locateTraced(ctx context.Context, sub subject, pending []result) []parsers.Path {
	out := make([]parsers.Path, len(pending))
	if sub.input == nil || len(pending) == 0 {
		return out
	}
	l := &locator{
		e:       e,
		targets: map[*ast.Rule]*target{},
		infos:   map[*ast.Rule]*ruleInfo{},
		recs:    map[*ast.Rule][]*exitRecord{},
	}
	groups := map[*ruleRef][]*ast.Rule{}
	for _, res := range pending {
		rules, ok := groups[res.rule]
		if !ok {
			rules = ruleChain(e.compiler.GetRulesExact(res.rule.ref))
			groups[res.rule] = rules
		}
		for _, r := range rules {
			tg := l.targets[r]
			if tg == nil {
				tg = &target{msgs: map[string]bool{}}
				l.targets[r] = tg
			}
			if res.obj == nil {
				tg.msgs[res.msg] = true
			} else if v, err := ast.InterfaceToValue(res.obj); err == nil {
				tg.objs = append(tg.objs, v)
			}
		}
	}
	l.in = newInputTable(sub.input)
	l.rootT = ast.NewTerm(l.in.root)
	scope := sub.scope
	wanted := make(map[*ruleRef]bool, len(groups))
	for r := range groups {
		wanted[r] = true
	}
	if q := e.locateQuery(ctx, wanted); q != nil {
		scope.query = q
	}
	// The policy's print() output was written by the first evaluation.
	if _, errs := e.eval(ctx, l.in.root, scope, rego.EvalQueryTracer(exitTracer{l}), rego.EvalPrintHook(quietPrint{})); len(errs) > 0 {
		return out
	}
	// Locating is best effort: an unexpected shape in the walk must cost
	// the finding its narrower range, never the run.
	defer func() {
		if recover() != nil {
			clear(out)
		}
	}()
	for i, res := range pending {
		rec := l.find(groups[res.rule], res)
		if rec == nil {
			continue
		}
		w := &walker{l: l, seen: map[*exitRecord]bool{}}
		w.walkRecord(rec, 0, true)
		if w.steps > locMaxSteps {
			continue
		}
		out[i] = w.location()
	}
	return out
}

// ruleChain is rules followed by their else branches.
func ruleChain(rules []*ast.Rule) []*ast.Rule {
	var out []*ast.Rule
	for _, r := range rules {
		for x := r; x != nil; x = x.Else {
			out = append(out, x)
		}
	}
	return out
}

// find returns the first recorded derivation of res.
func (l *locator) find(rules []*ast.Rule, res result) *exitRecord {
	tg := &target{msgs: map[string]bool{}}
	if res.obj == nil {
		tg.msgs[res.msg] = true
	} else if v, err := ast.InterfaceToValue(res.obj); err == nil {
		tg.objs = []ast.Value{v}
	}
	for _, r := range rules {
		for _, rec := range l.recs[r] {
			v := rec.key
			if v == nil {
				v = rec.value
			}
			if v != nil && tg.wants(v.Value) {
				return rec
			}
		}
	}
	return nil
}

// env resolves the variables of the body being walked.
type env struct {
	rec    *exitRecord
	info   *ruleInfo
	static map[ast.Var]*ast.Term
	outer  *env
}

func (v *env) lookup(x ast.Var) *ast.Term {
	for e := v; e != nil; e = e.outer {
		if e.rec != nil {
			if i, ok := e.info.index[x]; ok {
				return e.rec.vals[i]
			}
		}
		if t, ok := e.static[x]; ok {
			return t
		}
	}
	return nil
}

// plug replaces a variable by its binding (nil when unbound); other terms
// are returned as they are.
func (v *env) plug(t *ast.Term) *ast.Term {
	if x, ok := t.Value.(ast.Var); ok {
		return v.lookup(x)
	}
	return t
}

// read is one data path the evaluation read; exists is false when the
// path continues past the document (a missing attribute).
type read struct {
	path   parsers.Path
	scalar bool
}

// walker collects the paths one derivation read.
type walker struct {
	l        *locator
	steps    int
	reads    []read
	subjects []parsers.Path
	seen     map[*exitRecord]bool
}

func (w *walker) budget() bool {
	w.steps++
	return w.steps <= locMaxSteps
}

func (w *walker) addRead(p parsers.Path, term *ast.Term) {
	w.reads = append(w.reads, read{path: p, scalar: term != nil && w.l.in.isScalar(term)})
}

// walkRecord walks the body of a recorded derivation. top marks the rule
// whose result is being located (its message-building is skipped).
func (w *walker) walkRecord(rec *exitRecord, depth int, top bool) {
	if depth > locMaxDepth || w.seen[rec] {
		return
	}
	w.seen[rec] = true
	info := w.l.info(rec.rule)
	en := &env{rec: rec, info: info}
	for i, expr := range rec.rule.Body {
		if top && info.skip != nil && info.skip[i] {
			continue
		}
		w.walkExpr(expr, en, info.defs[i], depth)
	}
}

// walkStatic walks a body whose own variables are unbound (closures,
// negated function calls), with outer bindings from en.
func (w *walker) walkStatic(body ast.Body, en *env, depth int) {
	if depth > locMaxDepth {
		return
	}
	for _, expr := range body {
		w.walkExpr(expr, en, nil, depth)
	}
}

func (w *walker) walkExpr(expr *ast.Expr, en *env, defs []ast.Var, depth int) {
	if !w.budget() {
		return
	}
	switch ts := expr.Terms.(type) {
	case *ast.Term:
		w.walkTerm(ts, en, depth)
	case *ast.Every:
		w.walkTerm(ts.Domain, en, depth)
		w.walkStatic(ts.Body, en, depth+1)
	case []*ast.Term:
		if len(ts) == 0 {
			return
		}
		op := expr.Operator()
		args := ts[1:]
		switch {
		case len(op) > 0 && op[0].Equal(ast.DefaultRootDocument):
			w.walkCall(op, args, en, depth, expr.Negated)
		case op.Equal(ast.ObjectGet.Ref()) && len(args) >= 3:
			w.objectGet(args, en)
		}
		for _, a := range args {
			w.walkTerm(a, en, depth)
		}
		w.subjectsOf(expr, ts, en, defs)
	}
}

// subjectsOf records the iterated elements an expression binds: variables
// it defines that hold input objects/arrays, when the expression iterates
// (a ref with a newly defined variable operand) or is a builtin call with
// an output (walk, object.get).
func (w *walker) subjectsOf(expr *ast.Expr, ts []*ast.Term, en *env, defs []ast.Var) {
	if len(defs) == 0 {
		return
	}
	defined := map[ast.Var]bool{}
	for _, v := range defs {
		defined[v] = true
	}
	iterates := !expr.IsEquality() && !expr.IsAssignment()
	if !iterates {
		for _, t := range ts[1:] {
			if ref, ok := t.Value.(ast.Ref); ok {
				for _, op := range ref[1:] {
					if v, ok := op.Value.(ast.Var); ok && defined[v] {
						iterates = true
					}
				}
			}
		}
	}
	if !iterates {
		return
	}
	for _, v := range defs {
		b := en.lookup(v)
		if b == nil || w.l.in.isScalar(b) {
			continue
		}
		if p, ok := w.l.in.pathOf(b); ok {
			w.subjects = append(w.subjects, p)
		}
	}
}

func (w *walker) walkTerm(t *ast.Term, en *env, depth int) {
	if t == nil || !w.budget() {
		return
	}
	switch x := t.Value.(type) {
	case ast.Var:
		if b := en.lookup(x); b != nil {
			if p, ok := w.l.in.pathOf(b); ok {
				w.addRead(p, b)
			} else {
				w.elements(b)
			}
		}
	case ast.Ref:
		w.walkRef(x, en, depth)
		for _, op := range x[1:] {
			switch op.Value.(type) {
			case ast.Var, ast.Ref, *ast.Array, ast.Object, ast.Call:
				w.walkTerm(op, en, depth)
			}
		}
	case *ast.Array:
		for i := 0; i < x.Len(); i++ {
			w.walkTerm(x.Elem(i), en, depth)
		}
	case ast.Object:
		x.Foreach(func(k, v *ast.Term) {
			w.walkTerm(k, en, depth)
			w.walkTerm(v, en, depth)
		})
	case ast.Set:
		x.Foreach(func(v *ast.Term) { w.walkTerm(v, en, depth) })
	case ast.Call:
		if len(x) > 0 {
			if op, ok := x[0].Value.(ast.Ref); ok && len(op) > 0 && op[0].Equal(ast.DefaultRootDocument) {
				w.walkCall(op, x[1:], en, depth, false)
			}
			for _, a := range x[1:] {
				w.walkTerm(a, en, depth)
			}
		}
	case *ast.ArrayComprehension:
		w.walkStatic(x.Body, en, depth+1)
	case *ast.SetComprehension:
		w.walkStatic(x.Body, en, depth+1)
	case *ast.ObjectComprehension:
		w.walkStatic(x.Body, en, depth+1)
	}
}

// elements records the input elements of a computed array or set (the
// result of a comprehension or a helper function).
func (w *walker) elements(t *ast.Term) {
	n := 0
	add := func(el *ast.Term) {
		if n < 64 {
			if p, ok := w.l.in.pathOf(el); ok {
				w.addRead(p, el)
				n++
			}
		}
	}
	switch x := t.Value.(type) {
	case *ast.Array:
		for i := 0; i < x.Len(); i++ {
			add(x.Elem(i))
		}
	case ast.Set:
		x.Foreach(add)
	}
}

// walkRef records the path a ref reads.
func (w *walker) walkRef(ref ast.Ref, en *env, depth int) {
	head, ok := ref[0].Value.(ast.Var)
	if !ok {
		return
	}
	switch {
	case head.Equal(ast.InputRootDocument.Value):
		w.navigate(w.l.rootT, parsers.Path{}, true, ref[1:], en)
	case head.Equal(ast.DefaultRootDocument.Value):
		w.walkData(ref, en, depth)
	default:
		b := en.lookup(head)
		if b == nil {
			return
		}
		p, known := w.l.in.pathOf(b)
		w.navigate(b, p, known, ref[1:], en)
	}
}

// navigate follows ops from cur and records the deepest path reached; an
// operand that is missing from the document extends the path with the
// missing suffix (the attribute a negation or default was about).
func (w *walker) navigate(cur *ast.Term, path parsers.Path, known bool, ops []*ast.Term, en *env) {
	for i, op := range ops {
		o := en.plug(op)
		if o == nil || !isScalarKey(o.Value) {
			break
		}
		child := cur.Get(o)
		if child == nil {
			if !known {
				return
			}
			p := append(parsers.Path(nil), path...)
			for _, rest := range ops[i:] {
				ro := en.plug(rest)
				if ro == nil || !isScalarKey(ro.Value) {
					break
				}
				p = append(p, keyString(ro.Value))
			}
			w.addRead(p, nil)
			return
		}
		cur = child
		if cp, ok := w.l.in.pathOf(child); ok {
			path, known = cp, true
		} else if known {
			path = path.Child(keyString(o.Value))
		}
	}
	if known {
		w.addRead(path, cur)
	}
}

func isScalarKey(v ast.Value) bool {
	switch v.(type) {
	case ast.String, ast.Number, ast.Boolean, ast.Null:
		return true
	}
	return false
}

// ruleNode finds the rules producing the virtual document ref refers to and
// how many elements of ref name them.
func (w *walker) ruleNode(ref ast.Ref) ([]*ast.Rule, int) {
	node := w.l.e.compiler.RuleTree
	for i, x := range ref {
		if node = node.Child(x.Value); node == nil {
			return nil, 0
		}
		if len(node.Values) > 0 {
			return node.Values, i + 1
		}
	}
	return nil, 0
}

// walkData follows a ref into a rule: the rule's recorded value (an input
// term keeps its path), or the derivation that produced the element.
func (w *walker) walkData(ref ast.Ref, en *env, depth int) {
	rules, n := w.ruleNode(ref)
	if len(rules) == 0 || len(rules[0].Head.Args) > 0 {
		return
	}
	chain := ruleChain(rules)
	r0 := rules[0]
	switch {
	case r0.Head.RuleKind() == ast.MultiValue:
		if len(ref) <= n {
			return
		}
		elem := en.plug(ref[n])
		if elem == nil {
			return
		}
		if p, ok := w.l.in.pathOf(elem); ok {
			w.navigate(elem, p, true, ref[n+1:], en)
		}
		// The derivation that put the element in the set says why it is
		// there (the filter of a helper such as public_buckets).
		for _, r := range chain {
			for _, rec := range w.l.recs[r] {
				if rec.key != nil && (rec.key == elem || rec.key.Value.Compare(elem.Value) == 0) {
					w.walkRecord(rec, depth+1, false)
					return
				}
			}
		}
	case len(r0.Head.Ref()) > 1 && !r0.Head.Ref()[len(r0.Head.Ref())-1].IsGround():
		if len(ref) <= n {
			return
		}
		key := en.plug(ref[n])
		if key == nil {
			return
		}
		for _, r := range chain {
			for _, rec := range w.l.recs[r] {
				if rec.refKey != nil && rec.value != nil && rec.refKey.Value.Compare(key.Value) == 0 {
					w.fromValue(rec, ref[n+1:], en, depth)
					return
				}
			}
		}
	default:
		for _, r := range chain {
			for _, rec := range w.l.recs[r] {
				if rec.value != nil {
					w.fromValue(rec, ref[n:], en, depth)
					return
				}
			}
		}
	}
}

// fromValue continues a ref from a rule's recorded value, and walks the
// derivation that produced the value. A value that is an input object is
// an iterated element in its own right (pod_spec).
func (w *walker) fromValue(rec *exitRecord, ops []*ast.Term, en *env, depth int) {
	val := rec.value
	if p, ok := w.l.in.pathOf(val); ok {
		if !w.l.in.isScalar(val) {
			w.subjects = append(w.subjects, p)
		}
		w.navigate(val, p, true, ops, en)
	} else {
		w.navigate(val, nil, false, ops, en)
	}
	w.walkRecord(rec, depth+1, false)
}

// walkCall follows a call of a user function into the derivation with the
// same arguments, or, for a call that did not succeed (negation), into the
// function bodies with the arguments bound.
func (w *walker) walkCall(op ast.Ref, args []*ast.Term, en *env, depth int, negated bool) {
	rules := w.l.e.compiler.GetRulesExact(op)
	if len(rules) == 0 || len(rules[0].Head.Args) == 0 || depth >= locMaxDepth {
		return
	}
	nargs := len(rules[0].Head.Args)
	if len(args) < nargs {
		return
	}
	plugged := make([]*ast.Term, nargs)
	for i := range plugged {
		plugged[i] = en.plug(args[i])
		if plugged[i] == nil {
			if !negated {
				return
			}
		}
	}
	chain := ruleChain(rules)
	if !negated {
		for _, r := range chain {
		next:
			for _, rec := range w.l.recs[r] {
				if len(rec.args) != nargs {
					continue
				}
				for i, a := range rec.args {
					if plugged[i] == nil || a.Value.Compare(plugged[i].Value) != 0 {
						continue next
					}
				}
				w.walkRecord(rec, depth+1, false)
				return
			}
		}
		return
	}
	for _, r := range chain {
		static := map[ast.Var]*ast.Term{}
		for i, a := range r.Head.Args {
			if v, ok := a.Value.(ast.Var); ok && plugged[i] != nil {
				static[v] = plugged[i]
			}
		}
		w.walkStatic(r.Body, &env{static: static}, depth+1)
	}
}

// objectGet records object.get(obj, key, default): the path of the key,
// with the missing suffix when it is absent.
func (w *walker) objectGet(args []*ast.Term, en *env) {
	obj := en.plug(args[0])
	if r, ok := args[0].Value.(ast.Ref); ok && r[0].Equal(ast.InputRootDocument) && len(r) == 1 {
		obj = w.l.rootT
	}
	if obj == nil {
		return
	}
	p, ok := w.l.in.pathOf(obj)
	if !ok {
		return
	}
	key := en.plug(args[1])
	if key == nil {
		return
	}
	var ops []*ast.Term
	if arr, ok := key.Value.(*ast.Array); ok {
		for i := 0; i < arr.Len(); i++ {
			ops = append(ops, arr.Elem(i))
		}
	} else {
		ops = []*ast.Term{key}
	}
	w.navigate(obj, p, true, ops, &env{})
}

// location reduces the reads to the path the finding is about.
func (w *walker) location() parsers.Path {
	if len(w.reads) == 0 {
		return nil
	}
	// Leaves: reads that are not a prefix of another read.
	var leaves []read
	for i, r := range w.reads {
		leaf := true
		for j, o := range w.reads {
			if i != j && len(o.path) > len(r.path) && hasPrefix(o.path, r.path) {
				leaf = false
				break
			}
		}
		if leaf {
			dup := false
			for _, l := range leaves {
				if equalPath(l.path, r.path) {
					dup = true
					break
				}
			}
			if !dup {
				leaves = append(leaves, r)
			}
		}
	}
	if s := w.subject(); s != nil {
		var in []read
		for _, l := range leaves {
			if hasPrefix(l.path, s) {
				in = append(in, l)
			}
		}
		// The element's own kind, apiVersion or (CloudFormation) Type,
		// compared to pick the elements a rule is about, is a guard too.
		picked := slices.DeleteFunc(slices.Clone(in), func(l read) bool { return isElementGuard(l, len(s)) })
		switch {
		case len(picked) > 0:
			leaves = picked
		case len(in) > 0:
			leaves = in
		}
	} else {
		var deep []read
		for _, l := range leaves {
			if !(l.scalar && len(l.path) == 1) {
				deep = append(deep, l)
			}
		}
		if len(deep) > 0 {
			leaves = deep
		} else if !slices.ContainsFunc(leaves, func(l read) bool { return !isKindGuard(l) }) {
			return parsers.Path{} // only the kind was compared: the document
		}
	}
	p := leaves[0].path
	for _, l := range leaves[1:] {
		p = commonPrefix(p, l.path)
	}
	return p
}

// isKindGuard reports whether a read is a document's kind or apiVersion,
// which a rule compares to pick the documents it is about.
func isKindGuard(r read) bool {
	return r.scalar && len(r.path) == 1 && (r.path[0] == "kind" || r.path[0] == "apiVersion")
}

// isElementGuard reports whether a read is the kind, apiVersion or Type of
// the iterated element at depth n (a List's item, a CloudFormation
// resource), which a rule compares to pick the elements it is about.
func isElementGuard(r read, n int) bool {
	if !r.scalar || len(r.path) != n+1 {
		return false
	}
	switch r.path[n] {
	case "kind", "apiVersion", "Type":
		return true
	}
	return false
}

// subject is the innermost iterated element when the iterated elements
// are nested in one another; nil otherwise.
func (w *walker) subject() parsers.Path {
	var deepest parsers.Path
	for _, s := range w.subjects {
		if len(s) > len(deepest) {
			deepest = s
		}
	}
	if deepest == nil {
		return nil
	}
	for _, s := range w.subjects {
		if !hasPrefix(deepest, s) {
			return nil
		}
	}
	return deepest
}

func hasPrefix(p, prefix parsers.Path) bool {
	if len(prefix) > len(p) {
		return false
	}
	for i := range prefix {
		if p[i] != prefix[i] {
			return false
		}
	}
	return true
}

func equalPath(a, b parsers.Path) bool { return len(a) == len(b) && hasPrefix(a, b) }

func commonPrefix(a, b parsers.Path) parsers.Path {
	n := 0
	for n < len(a) && n < len(b) && a[n] == b[n] {
		n++
	}
	return a[:n]
}

// quietPrint drops print() output (of re-evaluations).
type quietPrint struct{}

func (quietPrint) Print(print.Context, string) error { return nil }
