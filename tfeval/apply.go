package tfeval

import (
	"encoding/json"
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/convert"

	"github.com/infragate/infragate/parsers"
)

// Apply replaces, in docs (what the HCL parser made of src, in conftest's
// shape), every "${...}" value whose expression evaluates to a wholly
// known value in this module. Values are replaced in place, so the source
// map stays valid: a replaced value keeps its path and range, and the
// elements of a value that became a list or object are located at it.
//
// What is replaced:
//   - an attribute (or an element of a tuple or object literal, resolved
//     one by one) whose value is wholly known: it becomes that value, in
//     the parser's JSON types (numbers as json.Number);
//   - a string template that is partly known: the known interpolations
//     become their text and the others stay "${...}", so
//     "${var.env}-${aws_s3_bucket.b.id}" becomes "dev-${aws_s3_bucket.b.id}";
//     a template with an unknown %{if} or %{for} directive stays whole;
//   - nothing else: a value with any unknown part (a list with one unknown
//     element computed by a function or a for expression) stays its
//     "${...}" text, as do object keys.
//
// src must be the bytes the parser read; a src that does not parse
// leaves docs unchanged.
//
// Each attribute has its own work budget; an attribute that runs out of
// it, or that depends on a variable or local that ran out, stays unknown
// (see Parser.Parse, which reports them).
func (m *Module) Apply(filename string, src []byte, docs []parsers.Document) {
	m.apply(filename, src, docs)
}

// apply is Apply; it returns the body of the file it parsed (for its
// module calls, see instances), nil when it left docs unchanged, and the
// notes of the attributes left unknown because a work budget ran out.
func (m *Module) apply(filename string, src []byte, docs []parsers.Document) (*hclsyntax.Body, []note) {
	if len(docs) != 1 {
		return nil, nil
	}
	root, ok := docs[0].Value.(map[string]any)
	if !ok {
		return nil, nil
	}
	src = stripBOM(src)
	file, diags := hclsyntax.ParseConfig(src, filename, hcl.InitialPos)
	if diags.HasErrors() {
		return nil, nil
	}
	body, ok := file.Body.(*hclsyntax.Body)
	if !ok {
		return nil, nil
	}
	a := &applier{ev: newEvaluator(m.scope, "file"), src: src}
	a.body(body, root)
	return body, a.ev.budget.notes
}

type applier struct {
	ev  *evaluator
	src []byte
	// attr is the attribute being applied, for the notes.
	attr string
}

// eval evaluates expr, a part of the attribute being applied, noting when
// it is unknown because it depends on a value that ran out of budget.
func (a *applier) eval(expr hclsyntax.Expression) cty.Value {
	v := a.ev.eval(expr)
	if n := a.ev.dependsOnSpent(expr, v); n != nil {
		b := a.ev.budget
		b.notes = append(b.notes, note{what: a.attr, rng: expr.Range(), cause: n})
	}
	return v
}

// attribute applies one attribute with its own budget (see
// evaluator.value).
func (a *applier) attribute(attr *hclsyntax.Attribute, cur any) any {
	a.attr = attr.Name
	var out any
	a.ev.value(attr.Name, attr.Expr.Range(), func() cty.Value {
		out = a.value(attr.Expr, cur)
		return cty.NilVal
	})
	return out
}

// body walks a block body in step with the value the parser made of it
// (see parsers.HCLParser: type -> labels -> [body, ...], attributes
// replacing blocks of the same name).
func (a *applier) body(b *hclsyntax.Body, out map[string]any) {
	seen := map[string]int{}
	for _, blk := range b.Blocks {
		if _, shadowed := b.Attributes[blk.Type]; shadowed {
			continue
		}
		keys := append([]string{blk.Type}, blk.Labels...)
		id := strings.Join(keys, "\x00")
		idx := seen[id]
		seen[id]++
		var cur any = out
		for _, k := range keys {
			m, ok := cur.(map[string]any)
			if !ok {
				cur = nil
				break
			}
			cur = m[k]
		}
		list, ok := cur.([]any)
		if !ok || idx >= len(list) {
			continue
		}
		if inner, ok := list[idx].(map[string]any); ok {
			if blk.Type == "dynamic" && len(blk.Labels) == 1 {
				a.dynamic(blk, inner)
				continue
			}
			a.body(blk.Body, inner)
		}
	}
	// In source order: the budget is spent the same way on every run.
	attrs := make([]*hclsyntax.Attribute, 0, len(b.Attributes))
	for _, attr := range b.Attributes {
		attrs = append(attrs, attr)
	}
	sort.Slice(attrs, func(i, j int) bool { return attrs[i].SrcRange.Start.Byte < attrs[j].SrcRange.Start.Byte })
	for _, attr := range attrs {
		if v, ok := out[attr.Name]; ok {
			out[attr.Name] = a.attribute(attr, v)
		}
	}
}

// value returns the replacement for cur, the parser's conversion of expr.
func (a *applier) value(expr hclsyntax.Expression, cur any) any {
	switch e := expr.(type) {
	case *hclsyntax.LiteralValueExpr:
		return cur
	case *hclsyntax.TemplateWrapExpr:
		return a.value(e.Wrapped, cur)
	case *hclsyntax.TupleConsExpr:
		list, ok := cur.([]any)
		if !ok || len(list) != len(e.Exprs) {
			return cur
		}
		for i, x := range e.Exprs {
			list[i] = a.value(x, list[i])
		}
		return list
	case *hclsyntax.ObjectConsExpr:
		m, ok := cur.(map[string]any)
		if !ok {
			return cur
		}
		// The parser keeps the last item of a repeated key.
		last := map[string]int{}
		keys := make([]string, len(e.Items))
		for i, item := range e.Items {
			k, ok := a.key(item.KeyExpr)
			if !ok {
				keys[i] = ""
				continue
			}
			keys[i] = k
			last[k] = i
		}
		for i, item := range e.Items {
			k := keys[i]
			if j, ok := last[k]; !ok || j != i {
				continue
			}
			if v, ok := m[k]; ok {
				m[k] = a.value(item.ValueExpr, v)
			}
		}
		return m
	case *hclsyntax.TemplateExpr:
		if e.IsStringLiteral() {
			return cur
		}
	}
	if _, ok := cur.(string); !ok {
		return cur // a literal the parser already resolved (-1)
	}
	v := a.eval(expr)
	if j, ok := toJSON(v); ok {
		return j
	}
	if t, ok := expr.(*hclsyntax.TemplateExpr); ok {
		if s, ok := a.partial(t); ok {
			return s
		}
	}
	return cur
}

// partial renders a template whose value is not wholly known: literal
// text and known interpolations as text (with "${" and "%{" escaped, as the
// parser writes literal text), unknown interpolations as the parser renders
// them ("${source}"). ok is false when a directive is unknown.
func (a *applier) partial(t *hclsyntax.TemplateExpr) (string, bool) {
	var b strings.Builder
	for _, part := range t.Parts {
		for {
			w, ok := part.(*hclsyntax.TemplateWrapExpr)
			if !ok {
				break
			}
			part = w.Wrapped
		}
		if lit, ok := part.(*hclsyntax.LiteralValueExpr); ok {
			s, ok := literalText(lit.Val)
			if !ok {
				return "", false
			}
			b.WriteString(parsers.EscapeTemplateText(s))
			continue
		}
		if s, ok := templateString(a.eval(part)); ok {
			b.WriteString(parsers.EscapeTemplateText(s))
			continue
		}
		switch p := part.(type) {
		case *hclsyntax.ConditionalExpr, *hclsyntax.TemplateJoinExpr:
			return "", false
		case *hclsyntax.TemplateExpr:
			s, ok := a.partial(p)
			if !ok {
				return "", false
			}
			b.WriteString(s)
		default:
			b.WriteString(a.wrap(part))
		}
	}
	return b.String(), true
}

// templateString is the text a template interpolates for v, when known.
func templateString(v cty.Value) (string, bool) {
	if v.IsMarked() {
		v, _ = v.UnmarkDeep()
	}
	if !v.IsWhollyKnown() || v.IsNull() {
		return "", false
	}
	s, err := convert.Convert(v, cty.String)
	if err != nil || !s.IsKnown() || s.IsNull() {
		return "", false
	}
	return s.AsString(), true
}

// literalText renders a literal the way the parser does inside a string.
func literalText(v cty.Value) (string, bool) {
	j, ok := toJSON(v)
	if !ok {
		return "", false
	}
	switch s := j.(type) {
	case string:
		return s, true
	case json.Number:
		return string(s), true
	case bool:
		return strconv.FormatBool(s), true
	case nil:
		return "", true
	}
	return "", false
}

// key is the object key the parser made of an item's key expression; ok
// is false for keys whose rendering is not reproduced here (directives).
func (a *applier) key(e hclsyntax.Expression) (string, bool) {
	if k, ok := e.(*hclsyntax.ObjectConsKeyExpr); ok {
		e = k.Wrapped
		if _, ok := e.(*hclsyntax.ScopeTraversalExpr); ok {
			return a.source(e.Range()), true
		}
	}
	return a.stringPart(e)
}

// stringPart mirrors the parser's rendering of a template part.
func (a *applier) stringPart(e hclsyntax.Expression) (string, bool) {
	switch v := e.(type) {
	case *hclsyntax.LiteralValueExpr:
		if v.Val.IsNull() {
			return "null", true
		}
		s, ok := literalText(v.Val)
		return parsers.EscapeTemplateText(s), ok
	case *hclsyntax.TemplateExpr:
		if v.IsStringLiteral() {
			val, diags := v.Value(nil)
			if diags.HasErrors() || !val.IsKnown() || val.IsNull() || val.Type() != cty.String {
				return "", false
			}
			return parsers.EscapeTemplateText(val.AsString()), true
		}
		var b strings.Builder
		for _, p := range v.Parts {
			s, ok := a.stringPart(p)
			if !ok {
				return "", false
			}
			b.WriteString(s)
		}
		return b.String(), true
	case *hclsyntax.TemplateWrapExpr:
		return a.stringPart(v.Wrapped)
	case *hclsyntax.ConditionalExpr, *hclsyntax.TemplateJoinExpr:
		return "", false
	}
	return a.wrap(e), true
}

func (a *applier) wrap(e hclsyntax.Expression) string {
	return "${" + a.source(e.Range()) + "}"
}

// source is the text of r, exactly as the parser writes it.
func (a *applier) source(r hcl.Range) string { return parsers.ExprSource(a.src, r) }

// maxDynamicElements bounds the elements a dynamic block is expanded for
// (a bound of infragate's: a for_each over more is noted, see
// budget.exceed).
const maxDynamicElements = 64

// dynamic applies a dynamic block. When its for_each is wholly known (and
// not too long), its content becomes one content per element, evaluated
// with the iterator (the label, or the iterator argument) bound to the
// element's key and value, as Terraform expands it: `cidr_blocks =
// [ingress.value.cidr]` over a literal list is judged for each cidr.
// Otherwise the content is applied once, the iterator unknown; a for_each
// known but too long is noted (the file does not pass unjudged).
func (a *applier) dynamic(blk *hclsyntax.Block, inner map[string]any) {
	var content *hclsyntax.Block
	for _, c := range blk.Body.Blocks {
		if c.Type == "content" && len(c.Labels) == 0 {
			content = c
			break
		}
	}
	contents, _ := inner["content"].([]any)
	var orig map[string]any
	if content != nil && len(contents) == 1 {
		orig, _ = deepCopy(contents[0]).(map[string]any)
	}
	a.body(blk.Body, inner)
	fe, ok := blk.Body.Attributes["for_each"]
	if !ok || orig == nil {
		return
	}
	name := blk.Labels[0]
	if it, ok := blk.Body.Attributes["iterator"]; ok {
		tr, diags := hcl.AbsTraversalForExpr(it.Expr)
		if diags.HasErrors() || len(tr) != 1 {
			return
		}
		name = tr.RootName()
	}
	a.attr = fmt.Sprintf("dynamic %q", blk.Labels[0])
	coll, _ := a.ev.value(a.attr, fe.Expr.Range(), func() cty.Value {
		v := a.eval(fe.Expr)
		if v.IsWhollyKnown() && !v.IsNull() && v.CanIterateElements() && v.LengthInt() > maxDynamicElements {
			a.ev.budget.exceed(fmt.Sprintf("a for_each over more than %d elements", maxDynamicElements))
		}
		return v
	})
	if !coll.IsWhollyKnown() || coll.IsNull() || !coll.CanIterateElements() {
		return
	}
	var out []any
	for it := coll.ElementIterator(); it.Next(); {
		k, v := it.Element()
		if coll.Type().IsSetType() {
			k = v
		}
		iters := map[string]cty.Value{}
		for n, x := range a.ev.iters {
			iters[n] = x
		}
		iters[name] = cty.ObjectVal(map[string]cty.Value{"key": k, "value": v})
		child := &applier{ev: &evaluator{scope: a.ev.scope, funcs: a.ev.funcs, budget: a.ev.budget, iters: iters}, src: a.src}
		c := deepCopy(orig).(map[string]any)
		child.body(content.Body, c)
		out = append(out, c)
	}
	if len(out) > 0 {
		inner["content"] = out
	}
}

// deepCopy copies a parsed value (maps and slices; the rest is immutable).
func deepCopy(v any) any {
	switch v := v.(type) {
	case map[string]any:
		m := make(map[string]any, len(v))
		for k, x := range v {
			m[k] = deepCopy(x)
		}
		return m
	case []any:
		l := make([]any, len(v))
		for i, x := range v {
			l[i] = deepCopy(x)
		}
		return l
	}
	return v
}
