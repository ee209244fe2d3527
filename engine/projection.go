package engine

// Converting only what the rules can read.
//
// Every document is converted into an OPA value before evaluation, although
// the rules that apply to a format often read a small part of it: the
// bench's Terraform rules read input.resource.aws_s3_bucket and eleven
// other resource types, input.module and input.terraform, not variables,
// outputs or the other resource types; plan rules read resource_changes,
// not planned_values, prior_state or configuration, which are most of a real
// plan. A rule cannot observe what it never names. So the engine collects,
// from every reference to input in the rules a query can reach, the path of
// constant keys it starts with (input.resource.aws_s3_bucket[name].acl:
// resource/aws_s3_bucket; object.get(input, ["metadata", "name"], d):
// metadata/name), and converts only the values under those paths
// (inputUse.value). Anything else (input alone, walk(input), input[k] with a
// variable k, `with input as ...`) means the whole document; a path that
// ends early (input.resource[type]) means everything under it. A rule whose
// value is such a part (`pod_spec := input.spec.template.spec if ...`)
// reads it only as far as the references to the rule go on:
// pod_spec.containers reads spec/template/spec/containers, not the pod's
// labels or volumes; a reference that stops at the rule, or reaches it
// through a variable, reads the whole part.
//
// An object on the way to those paths that keeps none of them is left out
// too: its own presence can only be seen through a reference to it, which
// would have made it a path of its own. A document holding none of the
// paths becomes the empty object, the same for every such document (a
// variables.tf, or a main.tf of resource types no rule reads); documents
// that are equal for the rules and gave nothing are evaluated once (see
// *Inputs without results* below).

import (
	"crypto/sha256"
	"encoding/binary"
	"hash"
	"sync"

	"github.com/open-policy-agent/opa/v1/ast"

	"github.com/infragate/infragate/parsers"
)

// inputUse is what the rules of one prepared query can read of input.
type inputUse struct {
	root keyTree // root.whole: the document as a whole

	// clean holds the inputs of this query that gave nothing.
	clean cleanInputs
}

// keyTree is the paths of constant keys read under one object.
type keyTree struct {
	whole bool // everything under it
	sub   map[string]*keyTree
}

// add records that the value at path is read (in full, as far as this
// tree knows).
func (t *keyTree) add(path []string) {
	for _, k := range path {
		if t.whole {
			return
		}
		next := t.sub[k]
		if next == nil {
			next = &keyTree{}
			if t.sub == nil {
				t.sub = map[string]*keyTree{}
			}
			t.sub[k] = next
		}
		t = next
	}
	t.whole, t.sub = true, nil
}

// reachableRules are the rules body can reach, following every reference
// to data (with OPA's over-approximation for references with variables),
// else branches included.
func reachableRules(c *ast.Compiler, body ast.Body) []*ast.Rule {
	var reached []*ast.Rule
	seen := map[*ast.Rule]bool{}
	follow := func(x any) {
		ast.WalkRefs(x, func(ref ast.Ref) bool {
			if !ref.HasPrefix(ast.DefaultRootRef) {
				return false
			}
			for _, r := range c.GetRulesDynamicWithOpts(ref, ast.RulesOptions{}) {
				if !seen[r] {
					seen[r] = true
					reached = append(reached, r)
				}
			}
			return false
		})
	}
	follow(body)
	for i := 0; i < len(reached); i++ {
		follow(reached[i])
	}
	return reached
}

// queryInputUse finds the rules the query body can reach (following every
// reference to data, with OPA's over-approximation for references with
// variables) and what they read of input.
func queryInputUse(c *ast.Compiler, body ast.Body) *inputUse {
	u := &inputUse{}
	var reached []*ast.Rule
	reached = reachableRules(c, body)
	s := scanner{u: u, c: c, aliases: map[*ast.Rule]ruleAlias{}}
	for _, r := range reached {
		if a, ok := inputAliasRule(r); ok {
			s.aliases[r] = a
		}
	}
	s.scan(body)
	for _, r := range reached {
		if u.root.whole {
			break
		}
		s.scan(r)
	}
	return u
}

// ruleAlias is a rule whose value is a part of input named by constant
// keys, such as `pod_spec := input.spec.template.spec if ...`: the rule
// reads that part only as far as references to the rule go into it.
type ruleAlias struct {
	path []string  // of the part of input
	def  *ast.Expr // `value = input.path` in the compiled body
}

// inputAliasRule recognises a rule whose value is a part of input: a
// complete rule without else, compiled to `name := v if { ...; v =
// input.a.b }`, v used nowhere else.
func inputAliasRule(r *ast.Rule) (ruleAlias, bool) {
	h := r.Head
	if len(h.Args) > 0 || h.Key != nil || h.Value == nil || r.Else != nil || r.Default {
		return ruleAlias{}, false
	}
	v, ok := h.Value.Value.(ast.Var)
	if !ok || !v.IsGenerated() {
		return ruleAlias{}, false
	}
	var def *ast.Expr
	var path []string
	uses := 0
	ast.WalkVars(r.Body, func(x ast.Var) bool {
		if x.Equal(v) {
			uses++
		}
		return false
	})
	for _, e := range r.Body {
		w, ref, ok := varIsInputRef(e)
		if !ok || w != v || len(ref) < 2 {
			continue
		}
		path = path[:0]
		for _, t := range ref[1:] {
			k, ok := t.Value.(ast.String)
			if !ok {
				return ruleAlias{}, false
			}
			path = append(path, string(k))
		}
		def = e
	}
	if def == nil || uses != 1 {
		return ruleAlias{}, false
	}
	return ruleAlias{path: path, def: def}, true
}

// scanner records what rules read of input, with the rules that stand for
// a part of it.
type scanner struct {
	u       *inputUse
	c       *ast.Compiler
	aliases map[*ast.Rule]ruleAlias
}

// dataRef records what a reference into data reads of input through the
// rules that stand for a part of it: the part and the constant keys the
// reference goes on with, or the whole part when it is not a reference to
// the rule itself (data.pkg, data.pkg[x], with data.pkg.name as ...).
func (s *scanner) dataRef(ref ast.Ref) {
	if len(s.aliases) == 0 {
		return
	}
	for _, r := range s.c.GetRulesDynamicWithOpts(ref, ast.RulesOptions{}) {
		a, ok := s.aliases[r]
		if !ok {
			continue
		}
		full := r.Path()
		if !ref.HasPrefix(full) {
			s.u.root.add(a.path)
			continue
		}
		path := append([]string(nil), a.path...)
		for _, t := range ref[len(full):] {
			k, ok := t.Value.(ast.String)
			if !ok {
				break
			}
			path = append(path, string(k))
		}
		s.u.root.add(path)
	}
}

// scan records what x reads of input.
func (s *scanner) scan(x any) {
	u := s.u
	var skip *ast.Expr
	if r, ok := x.(*ast.Rule); ok {
		if a, ok := s.aliases[r]; ok {
			skip = a.def // the rule's value: read through references to it
		}
	}
	// The compiler moves a call's operands into local variables:
	// object.get(input, k, d) becomes `__local1__ = input;
	// object.get(__local1__, k, d)`. Such a variable stands for input.
	inputVars := map[ast.Var]bool{}
	ast.WalkExprs(x, func(e *ast.Expr) bool {
		if v, ok := inputVarDef(e); ok {
			inputVars[v] = true
		}
		return false
	})
	isInput := func(t *ast.Term) bool {
		switch v := t.Value.(type) {
		case ast.Var:
			return v.Equal(ast.InputRootDocument.Value) || inputVars[v]
		case ast.Ref:
			return len(v) == 1 && v[0].Equal(ast.InputRootDocument)
		}
		return false
	}
	var vis *ast.GenericVisitor
	// call handles object.get(input, key, default) with a constant key or
	// a path that starts with constant keys (terms: operator first).
	call := func(terms []*ast.Term) bool {
		if len(terms) < 3 || terms[0].Value.Compare(ast.ObjectGet.Ref()) != 0 || !isInput(terms[1]) {
			return false
		}
		path, ok := constantPath(terms[2].Value)
		if !ok {
			return false
		}
		u.root.add(path)
		for _, t := range terms[2:] {
			vis.Walk(t)
		}
		return true
	}
	vis = ast.NewGenericVisitor(func(x any) bool {
		if u.root.whole {
			return true
		}
		switch x := x.(type) {
		case *ast.Expr:
			if _, ok := inputVarDef(x); ok || x == skip {
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
			if len(x) > 0 && x[0].Equal(ast.DefaultRootDocument) {
				s.dataRef(x)
				return false
			}
			if len(x) == 0 || !isInput(x[0]) {
				return false
			}
			var path []string
			for _, t := range x[1:] {
				k, ok := t.Value.(ast.String)
				if !ok {
					break
				}
				path = append(path, string(k))
			}
			u.root.add(path)
			for _, t := range x[1:] {
				vis.Walk(t)
			}
			return true // the head is a name, not a value
		case ast.Var:
			// input (or a variable standing for it) outside a ref's
			// head: passed on as a whole.
			if x.Equal(ast.InputRootDocument.Value) || inputVars[x] {
				u.root.whole = true
			}
		}
		return u.root.whole
	})
	vis.Walk(x)
}

// inputVarDef reports whether e is `v = input` for a local variable v.
func inputVarDef(e *ast.Expr) (ast.Var, bool) {
	v, ref, ok := varIsInputRef(e)
	return v, ok && len(ref) == 1
}

// varIsInputRef reports whether e is `v = input...` (either way round, not
// negated, without with) for a variable the compiler made, and returns the
// variable and the reference.
func varIsInputRef(e *ast.Expr) (ast.Var, ast.Ref, bool) {
	if !e.IsEquality() || e.Negated || len(e.With) > 0 {
		return "", nil, false
	}
	a, b := e.Operand(0), e.Operand(1)
	if _, ok := b.Value.(ast.Var); ok {
		a, b = b, a
	}
	v, isVar := a.Value.(ast.Var)
	ref, isRef := b.Value.(ast.Ref)
	if !isVar || !isRef || !v.IsGenerated() || !ref[0].Equal(ast.InputRootDocument) {
		return "", nil, false
	}
	return v, ref, true
}

// constantPath is the path that a key or path operand of object.get
// starts with: a string, or the strings an array starts with; false when
// it names no key at all (an empty or variable path).
func constantPath(v ast.Value) ([]string, bool) {
	switch k := v.(type) {
	case ast.String:
		return []string{string(k)}, true
	case *ast.Array:
		var path []string
		for i := range k.Len() {
			s, ok := k.Elem(i).Value.(ast.String)
			if !ok {
				break
			}
			path = append(path, string(s))
		}
		return path, len(path) > 0
	}
	return nil, false
}

// value converts a document for evaluation: the values under the paths
// the rules can read.
func (u *inputUse) value(doc any) (ast.Value, error) {
	if u == nil {
		return ast.InterfaceToValue(doc)
	}
	v, _, err := u.root.project(doc, nil)
	if err != nil {
		return nil, err
	}
	return v.Value, nil
}

// project converts the parts of x that t keeps; false when t keeps none of
// them (x is an object without any of t's keys). in, when not nil, shares
// the terms of repeated values (large plans, planstream.go).
func (t *keyTree) project(x any, in *interner) (*ast.Term, bool, error) {
	m, ok := x.(map[string]any)
	if t.whole || !ok {
		// A path through an array or a scalar reads nothing, but
		// converting it is simpler than proving it.
		v, err := in.value(x)
		return v, true, err
	}
	kvs := make([][2]*ast.Term, 0, min(len(t.sub), len(m)))
	add := func(k string, sub *keyTree, v any) error {
		val, ok, err := sub.project(v, in)
		if ok && err == nil {
			kvs = append(kvs, [2]*ast.Term{in.str(k), val})
		}
		return err
	}
	if len(m) < len(t.sub) {
		for k, v := range m {
			if sub := t.sub[k]; sub != nil {
				if err := add(k, sub, v); err != nil {
					return nil, false, err
				}
			}
		}
	} else {
		for k, sub := range t.sub {
			if v, ok := m[k]; ok {
				if err := add(k, sub, v); err != nil {
					return nil, false, err
				}
			}
		}
	}
	return in.object(kvs), len(kvs) > 0, nil
}

// Inputs without results.
//
// After projection, documents that differ only in what no rule reads are
// equal: the empty input of every variables.tf, a ConfigMap per environment
// with the same name, the same Service in every overlay. In the bench's
// Kubernetes set, 13,834 documents (of files that are not copies) are
// 8,438 distinct inputs. When the policies cannot tell files apart
// (reuse.go) and an input gave no finding (no result, no error, nothing
// that findings turns into an error finding), an equal input gives none
// either, so it is not evaluated again. Only such
// inputs are remembered, by the SHA-256 of a canonical encoding of their
// value (inputKey: two different inputs cannot share an entry without a
// hash collision), so an entry is its key. Inputs with results are
// evaluated every time: remembering their results (rule values with their
// metadata) kept them on the heap, and the collector's marking of them
// cost more than it saved over the whole corpus. Documents read whole (the
// rules read input as a whole) are not hashed: their copies are whole-file
// copies, which reuse.go finds.

// cleanMax bounds the inputs remembered per query (32 bytes each); the
// memory starts again when full.
const cleanMax = 1 << 18

// cleanInputs remembers the inputs of one query that gave nothing, with
// the guards they failed (the key holds what the guards read, so an equal
// input fails the same ones).
type cleanInputs struct {
	mu sync.Mutex
	m  map[[sha256.Size]byte]guardSet
}

func (c *cleanInputs) get(k [sha256.Size]byte) (guardSet, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	failed, ok := c.m[k]
	return failed, ok
}

func (c *cleanInputs) add(k [sha256.Size]byte, failed guardSet) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.m == nil || len(c.m) >= cleanMax {
		c.m = map[[sha256.Size]byte]guardSet{}
	}
	c.m[k] = failed
}

// cleanKey is the key of a document's input among the inputs of its query
// that gave nothing, and false when it is not to be remembered. Formats
// can share a query (and its memory), but not their guards (guards.go):
// with guards, which rules an input meets depends on its format too, and
// the key holds the format.
func (e *Engine) cleanKey(scope fileScope, doc *parsers.Document, input ast.Value) ([sha256.Size]byte, bool) {
	u := scope.use
	if u == nil || u.root.whole || !e.filesAlike || parsers.IsPlan(doc.Value) {
		return [sha256.Size]byte{}, false
	}
	var format parsers.Format
	if scope.guards != nil {
		format = scope.guards.format
	}
	return inputKey(input, string(format))
}

// inputKey hashes salt and a canonical encoding of v: a type tag per
// value, lengths before strings and collections, object keys in order.
// Equal values of JSON's types get equal keys; different ones, different
// encodings. Values of other types (sets, references) get none.
func inputKey(v ast.Value, salt string) ([sha256.Size]byte, bool) {
	w := keyWriter{h: sha256.New()}
	w.str('F', salt) // a tag no value starts with
	var k [sha256.Size]byte
	if !w.value(v) {
		return k, false
	}
	w.flush()
	w.h.Sum(k[:0])
	return k, true
}

// keyWriter buffers the encoding in front of the hash.
type keyWriter struct {
	h   hash.Hash
	buf []byte
}

func (w *keyWriter) flush() {
	w.h.Write(w.buf)
	w.buf = w.buf[:0]
}

func (w *keyWriter) tag(t byte, n int) {
	if len(w.buf) > 4096 {
		w.flush()
	}
	w.buf = append(w.buf, t)
	w.buf = binary.AppendUvarint(w.buf, uint64(n))
}

func (w *keyWriter) str(t byte, s string) {
	w.tag(t, len(s))
	if len(s) > 1024 {
		w.flush()
		w.h.Write([]byte(s))
		return
	}
	w.buf = append(w.buf, s...)
}

func (w *keyWriter) value(v ast.Value) bool {
	switch x := v.(type) {
	case ast.Null:
		w.tag('n', 0)
	case ast.Boolean:
		if x {
			w.tag('t', 0)
		} else {
			w.tag('f', 0)
		}
	case ast.Number:
		w.str('d', string(x))
	case ast.String:
		w.str('s', string(x))
	case *ast.Array:
		w.tag('a', x.Len())
		for i := range x.Len() {
			if !w.value(x.Elem(i).Value) {
				return false
			}
		}
	case ast.Object:
		w.tag('o', x.Len())
		ok := true
		x.Until(func(k, v *ast.Term) bool {
			ok = w.value(k.Value) && w.value(v.Value)
			return !ok
		})
		return ok
	default:
		return false
	}
	return true
}
