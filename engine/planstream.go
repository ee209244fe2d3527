package engine

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"sort"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/rego"

	"github.com/infragate/infragate/parsers"
)

// Large plans, a slice at a time.
//
// A plan of planStreamMin bytes or more is read member by member
// (parsers.StreamPlan) instead of whole, and its rules are split
// (elementwise.go):
//
//   - the rules that look at one resource change at a time are evaluated
//     over slices of planSlice bytes of changes: every slice is the plan
//     with the other changes null, so indexes, paths and count() are those
//     of the whole plan. Results are sets, so the results of the slices are
//     merged, each once;
//   - the other rules are evaluated once, over the whole plan converted
//     only in what they read of each change (elementReads: for the built-in
//     mass_destroy rule, address, type, mode and actions).
//
// Before using slices, the engine evaluates the first group over a plan of
// null changes: when that gives any result or error (a rule that matches a
// missing value, `not rc.encrypted`, would match every null), the file is
// evaluated whole instead, as when the rules cannot be split, when the
// split saves nothing, or when the file is not a plan that can be streamed.
// The findings are the ones the whole evaluation gives, in the same order;
// TestPlanSlicesMatchWhole compares them.

const (
	// planStreamMin is the size from which a plan is evaluated by slices
	// (Engine.planStreamMin, which tests lower).
	planStreamMin = 16 << 20
	// planSlice is the size in bytes of the changes of one slice
	// (Engine.planSlice).
	planSlice = 8 << 20
)

// planStreamer is a parser that reads plans member by member.
type planStreamer interface {
	StreamPlan(filename string, src []byte, keep func(string) bool,
		change func(i int, v any, size int) error) (parsers.Document, int, error)
}

// planSplit is the split of one format's rules for plans.
type planSplit struct {
	ok          bool
	each, whole []*ruleRef // in engine order
	eachScope   fileScope  // query and projection of each group
	wholeScope  fileScope
	eachElem    *keyTree // what the sliced group reads of each change
	// eachCounts: the sliced group counts the changes, so a slice keeps
	// the changes after it (as nulls) too.
	eachCounts bool
	wholeElem  *keyTree // what the whole group reads of each change
}

// splitFor returns the split of the rules that apply to format f, made on
// first use.
func (e *Engine) splitFor(ctx context.Context, f parsers.Format) *planSplit {
	e.splitsMu.Lock()
	defer e.splitsMu.Unlock()
	if sp, ok := e.splits[f]; ok {
		return sp
	}
	sp := e.split(ctx, f)
	if e.splits == nil {
		e.splits = map[parsers.Format]*planSplit{}
	}
	e.splits[f] = sp
	return sp
}

func (e *Engine) split(ctx context.Context, f parsers.Format) *planSplit {
	sp := &planSplit{}
	applies := func(pkg string) bool {
		return e.opts.Applies == nil || f == "" || e.opts.Applies(pkg, f)
	}
	s := newSplitter(e.compiler)
	var excs ast.Body
	for pkg, bind := range e.excVars {
		if !applies(pkg) {
			continue
		}
		ref := ast.MustParseRef("data." + pkg).Append(ast.StringTerm("exception"))
		if s.refKind(ref) != clean {
			return sp // exceptions that depend on the changes: whole
		}
		excs = append(excs, ruleBinding(bind, ref))
	}
	sort.Slice(excs, func(i, j int) bool { return excs[i].String() < excs[j].String() })
	var eachBody, wholeBody ast.Body
	for i := range e.rules {
		r := &e.rules[i]
		if !applies(r.pkg) {
			continue
		}
		// Rules that do not depend on the changes are evaluated once too:
		// over null changes they give what they give over any slice.
		if s.refKind(r.ref) != coll {
			sp.whole = append(sp.whole, r)
			wholeBody = append(wholeBody, ruleBinding(r.bind, r.ref))
		} else {
			sp.each = append(sp.each, r)
			eachBody = append(eachBody, ruleBinding(r.bind, r.ref))
		}
	}
	if len(sp.each) == 0 {
		return sp // nothing to slice
	}
	prep := func(key string, body ast.Body) (fileScope, bool) {
		lq := e.lazy(ctx, key, func() (ast.Body, bool) { return append(body, excs...), true })
		if lq.query == nil || lq.use == nil || lq.use.root.whole {
			return fileScope{}, false
		}
		return fileScope{query: lq.query, use: lq.use}, true
	}
	var ok bool
	if sp.eachScope, ok = prep("plan slices "+string(f), eachBody); !ok {
		return sp
	}
	eachRules := reachableRules(e.compiler, eachBody)
	sp.eachElem = elementReads(eachRules, eachBody)
	sp.eachCounts = countsChanges(eachRules, eachBody)
	if len(sp.whole) > 0 {
		if sp.wholeScope, ok = prep("plan whole "+string(f), wholeBody); !ok {
			return sp
		}
		sp.wholeElem = elementReads(reachableRules(e.compiler, wholeBody), wholeBody)
		// The bulk of a change is its values (before, after, the unknown
		// and sensitive markers). When the rules evaluated whole read them,
		// slicing saves little memory and costs a second pass: on the
		// 100 MB plan with the built-in library, 15.7 s and 2.56 GB against
		// 8.7 s and 2.3 GB whole (docs/performance.md).
		if c := sp.wholeElem.sub["change"]; sp.wholeElem.whole || c != nil && (c.whole || len(c.sub) > 1 || c.sub["actions"] == nil) {
			return sp
		}
	}
	sp.ok = true
	return sp
}

// evalPlanSlices evaluates a large plan by slices; ok is false when the
// file is to be evaluated whole instead (see above).
func (e *Engine) evalPlanSlices(ctx context.Context, f File, src []byte, scope fileScope) (res fileResult, ok bool, err error) {
	ps, isPS := f.Parser.(planStreamer)
	if !isPS || scope.use == nil || len(src) < e.planStreamMin {
		return res, false, nil
	}
	sp := e.splitFor(ctx, f.Format)
	if !sp.ok {
		return res, false, nil
	}
	eachScope, wholeScope := sp.eachScope, sp.wholeScope
	eachScope.ctx, wholeScope.ctx = scope.ctx, scope.ctx
	eachScope.files, wholeScope.files = scope.files, scope.files
	keep := func(k string) bool {
		return k == "format_version" || eachScope.use.root.sub[k] != nil ||
			(wholeScope.use != nil && wholeScope.use.root.sub[k] != nil)
	}
	// First pass: the other members, the addresses, and the changes as the
	// whole group reads them.
	var addrs []string
	var wholeChanges []*ast.Term
	in := newInterner()
	doc, n, err := ps.StreamPlan(f.Name, src, keep, func(i int, v any, _ int) error {
		m, _ := v.(map[string]any)
		a, _ := m["address"].(string)
		addrs = append(addrs, a)
		if sp.wholeElem != nil {
			t, err := in.change(sp.wholeElem, v)
			if err != nil {
				return err
			}
			wholeChanges = append(wholeChanges, t)
		}
		return nil
	})
	if err != nil {
		return res, false, parseErrorOnly(err)
	}
	members, _ := doc.Value.(map[string]any)
	doc.Value = map[string]any{"format_version": members["format_version"], changesKey: nil}
	sub := func(scope fileScope, input ast.Value) subject {
		return subject{file: f.Name, doc: &doc, input: input, scope: scope, planAddrs: addrs}
	}
	byRule := map[*ruleRef][]planFinding{}
	var errs []Finding

	// The rules that look at one change at a time, checked over null changes.
	nulls := make([]*ast.Term, n)
	for i := range nulls {
		nulls[i] = ast.InternedNullTerm
	}
	input, err := planInput(eachScope.use.root, members, nulls)
	if err != nil {
		return res, false, nil
	}
	b, evalErrs := e.eval(ctx, input, eachScope)
	if len(evalErrs) > 0 || hasResults(b, sp.each) {
		return res, false, nil
	}

	// The other rules, over the whole plan.
	if len(sp.whole) > 0 {
		input, err := planInput(wholeScope.use.root, members, wholeChanges)
		if err != nil {
			return res, false, nil
		}
		wholeChanges = nil
		e.planFindings(ctx, sub(wholeScope, input), sp.whole, nil, byRule, &errs)
	}

	// The slices.
	seen := map[*ruleRef]map[string]bool{}
	var slice []int
	var terms []*ast.Term // of the slice's changes
	size := 0
	in = newInterner()
	flush := func() error {
		if len(slice) == 0 {
			return nil
		}
		// Every change before the slice is null, to keep the indexes; those
		// after it are left out unless the rules count them (each null is
		// one more step of every iteration over the changes).
		end := len(nulls)
		if !sp.eachCounts {
			end = slice[len(slice)-1] + 1
		}
		all := append([]*ast.Term(nil), nulls[:end]...)
		for k, i := range slice {
			all[i] = terms[k]
		}
		input, err := planInput(eachScope.use.root, members, all)
		if err != nil {
			return err
		}
		e.planFindings(ctx, sub(eachScope, input), sp.each, seen, byRule, &errs)
		slice, terms, size, in = slice[:0], terms[:0], 0, newInterner()
		return nil
	}
	_, _, err = ps.StreamPlan(f.Name, src, nil, func(i int, v any, n int) error {
		t, err := in.change(sp.eachElem, v)
		if err != nil {
			return err
		}
		slice = append(slice, i)
		terms = append(terms, t)
		if size += n; size >= e.planSlice {
			return flush()
		}
		return nil
	})
	if err == nil {
		err = flush()
	}
	if err != nil {
		return res, false, parseErrorOnly(err)
	}
	res.docs = 1
	e.slicedPlans.Add(1)
	// As for a document evaluated whole: its errors, and the findings the
	// errors did not stop.
	res.findings = errs
	for i := range e.rules {
		pf := byRule[&e.rules[i]]
		// Whole-plan order: the members of a rule's value in OPA's order.
		sort.SliceStable(pf, func(a, b int) bool {
			if pf[a].v == nil || pf[b].v == nil {
				return pf[b].v == nil && pf[a].v != nil
			}
			return pf[a].v.Compare(pf[b].v) < 0
		})
		for _, x := range pf {
			res.findings = append(res.findings, x.f)
		}
	}
	return res, true, nil
}

// parseErrorOnly passes on syntax errors, which the whole evaluation would
// report the same way; anything else (not streamable, a value that does not
// convert) means evaluating the file whole, which reports it as usual.
func parseErrorOnly(err error) error {
	var pe *parsers.ParseError
	if errors.As(err, &pe) {
		return err
	}
	return nil
}

// planFinding is a finding with the result it comes from (nil for errors).
type planFinding struct {
	f Finding
	v ast.Value
}

// planFindings evaluates sub's query and adds the findings of rules to
// byRule, rule by rule in the order of the rule's value. With seen, a
// result already found (in an earlier slice) is not found again.
func (e *Engine) planFindings(ctx context.Context, sub subject, rules []*ruleRef,
	seen map[*ruleRef]map[string]bool, byRule map[*ruleRef][]planFinding, errs *[]Finding) {
	b, evalErrs := e.eval(ctx, sub.input, sub.scope)
	for _, msg := range evalErrs {
		// Slices can repeat an error the whole plan gives once.
		if !slices.ContainsFunc(*errs, func(f Finding) bool { return f.Message == msg }) {
			*errs = append(*errs, errorFinding(IDEvalError, sub.file, sub.doc.Range.StartLine, msg))
		}
	}
	if b == nil {
		return
	}
	sub.scope.builtinErrsShown = len(evalErrs) > 0
	for _, r := range rules {
		vals := values(b[r.bind])
		if len(vals) == 0 {
			continue
		}
		if seen != nil {
			vals = newResults(vals, r, seen)
			if len(vals) == 0 {
				continue
			}
		}
		one := rego.Vars{r.bind: vals}
		for _, bind := range e.excVars {
			one[bind] = b[bind]
		}
		fs := e.findings(ctx, one, sub)
		// One finding per member, in order, unless the value was not a
		// collection (one error finding).
		var members []any
		if len(vals) == 1 {
			members, _ = vals[0].([]any)
		}
		for k, f := range fs {
			var v ast.Value
			if len(fs) == len(members) {
				v, _ = ast.InterfaceToValue(members[k])
			}
			byRule[r] = append(byRule[r], planFinding{f: f, v: v})
		}
	}
}

// newResults keeps the members of a rule's value not seen before (set
// members, compared by their JSON); other values are kept whole, once.
func newResults(vals []any, r *ruleRef, seen map[*ruleRef]map[string]bool) []any {
	if seen[r] == nil {
		seen[r] = map[string]bool{}
	}
	var out []any
	for _, v := range vals {
		items, ok := v.([]any)
		if !ok {
			k := memberKey(v)
			if !seen[r][k] {
				seen[r][k] = true
				out = append(out, v)
			}
			continue
		}
		var fresh []any
		for _, it := range items {
			if k := memberKey(it); !seen[r][k] {
				seen[r][k] = true
				fresh = append(fresh, it)
			}
		}
		if len(fresh) > 0 {
			out = append(out, fresh)
		}
	}
	return out
}

// memberKey identifies a result by its JSON (object keys sorted).
func memberKey(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		return ""
	}
	return string(b)
}

// hasResults reports whether any of rules has a result in b.
func hasResults(b rego.Vars, rules []*ruleRef) bool {
	for _, r := range rules {
		for _, v := range values(b[r.bind]) {
			if items, ok := v.([]any); !ok || len(items) > 0 {
				return true
			}
		}
	}
	return false
}

// planInput is the input of a plan: the members root reads, with the
// changes given.
func planInput(root keyTree, members map[string]any, changes []*ast.Term) (ast.Value, error) {
	var kvs [][2]*ast.Term
	for k, sub := range root.sub {
		if k == changesKey {
			kvs = append(kvs, [2]*ast.Term{ast.StringTerm(k), ast.ArrayTerm(changes...)})
			continue
		}
		v, ok := members[k]
		if !ok {
			continue
		}
		val, kept, err := sub.project(v, nil)
		if err != nil {
			return nil, err
		}
		if kept {
			kvs = append(kvs, [2]*ast.Term{ast.StringTerm(k), val})
		}
	}
	return ast.NewObject(kvs...), nil
}

// interner converts the changes of a large plan (keyTree.project) with one
// term per distinct string (keys, modes, types, actions) and per distinct
// list of strings (["create"]): a plan repeats them in every change, and
// 180,000 changes of a few fields each are most of what the whole plan
// costs in memory. OPA values are not changed by evaluation, so the terms
// can be shared. A nil interner shares nothing: its methods make new terms.
//
// Objects whose values are all shared terms other than strings ({"actions":
// ["create"]}, {"id": true}) are shared too: they repeat from change to
// change, where an object with a string of its own (an address) rarely
// does and would only grow the table.
type interner struct {
	strs   map[string]*ast.Term
	lists  map[string]*ast.Term
	objs   map[string]*ast.Term
	shared map[*ast.Term]bool // lists, objects, null and booleans handed out
}

func newInterner() *interner {
	return &interner{strs: map[string]*ast.Term{}, lists: map[string]*ast.Term{},
		objs: map[string]*ast.Term{}, shared: map[*ast.Term]bool{}}
}

// object returns the object of kvs, shared when its values allow it.
func (in *interner) object(kvs [][2]*ast.Term) *ast.Term {
	if in == nil {
		return ast.ObjectTerm(kvs...)
	}
	sort.Slice(kvs, func(i, j int) bool { return kvs[i][0].Value.Compare(kvs[j][0].Value) < 0 })
	var key []byte
	for _, kv := range kvs {
		if !in.shared[kv[1]] {
			return ast.ObjectTerm(kvs...)
		}
		key = append(key, kv[0].Value.(ast.String)...)
		key = append(key, 0)
		key = fmt.Appendf(key, "%p", kv[1])
		key = append(key, 0)
	}
	if t, ok := in.objs[string(key)]; ok {
		return t
	}
	t := ast.ObjectTerm(kvs...)
	in.objs[string(key)] = t
	in.shared[t] = true
	return t
}

func (in *interner) str(s string) *ast.Term {
	if in == nil {
		return ast.StringTerm(s)
	}
	t, ok := in.strs[s]
	if !ok {
		t = ast.StringTerm(s)
		in.strs[s] = t
	}
	return t
}

// change converts one resource change as t reads it: an object without
// any of t's keys is the empty object, still there to keep the indexes.
func (in *interner) change(t *keyTree, v any) (*ast.Term, error) {
	c, kept, err := t.project(v, in)
	if err == nil && !kept {
		c = ast.ObjectTerm()
	}
	return c, err
}

// value converts x whole.
func (in *interner) value(x any) (*ast.Term, error) {
	if in == nil {
		v, err := ast.InterfaceToValue(x)
		if err != nil {
			return nil, err
		}
		return ast.NewTerm(v), nil
	}
	switch v := x.(type) {
	case nil:
		in.shared[ast.InternedNullTerm] = true
		return ast.InternedNullTerm, nil
	case bool:
		t := ast.InternedTerm(v)
		in.shared[t] = true
		return t, nil
	case string:
		return in.str(v), nil
	case map[string]any:
		kvs := make([][2]*ast.Term, 0, len(v))
		for k, e := range v {
			t, err := in.value(e)
			if err != nil {
				return nil, err
			}
			kvs = append(kvs, [2]*ast.Term{in.str(k), t})
		}
		return in.object(kvs), nil
	case []any:
		key, strs := "", true
		for _, e := range v {
			s, ok := e.(string)
			if !ok {
				strs = false
				break
			}
			key += s + "\x00"
		}
		if strs {
			if t, ok := in.lists[key]; ok {
				return t, nil
			}
		}
		ts := make([]*ast.Term, len(v))
		for i, e := range v {
			t, err := in.value(e)
			if err != nil {
				return nil, err
			}
			ts[i] = t
		}
		t := ast.ArrayTerm(ts...)
		if strs {
			in.lists[key] = t
			in.shared[t] = true
		}
		return t, nil
	}
	val, err := ast.InterfaceToValue(x)
	if err != nil {
		return nil, err
	}
	return ast.NewTerm(val), nil
}
