package parsers

import (
	"encoding/json"
	"fmt"
	"math"
	"math/big"
	"sort"
	"strconv"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
)

// HCLParser reads HCL 2 files (Terraform .tf, .tfvars, .hcl) into the shape
// conftest's policies expect (conftest converts with tmccombs/hcl2json):
//
//   - a block becomes type -> label1 -> label2 -> [body, ...]; the innermost
//     value is always an array, also for unlabelled and nested blocks, and
//     repeated blocks append to it;
//   - literal attributes keep their JSON types (numbers as json.Number);
//     object literals become objects, tuples arrays;
//   - every other expression becomes its source text wrapped as "${...}";
//     templates keep literal text and wrap each interpolation.
//
// Each file is converted on its own: no variable or module resolution.
type HCLParser struct {
	Limits Limits
}

// ContentOnly is true: the documents depend on the bytes alone.
func (p *HCLParser) ContentOnly() bool { return true }

// Parse implements Parser. It returns one document for a non-blank file.
// Source map: each attribute maps to its range (name through value), each
// block body element (e.g. /resource/aws_s3_bucket/b/0) to the block from
// its header line to its closing brace, and the label paths above it
// (/resource, /resource/aws_s3_bucket, /resource/aws_s3_bucket/b) to the
// header of the block, or, over several blocks, from the first one's
// header to the end of the last (spanLabels).
func (p *HCLParser) Parse(filename string, src []byte) (docs []Document, err error) {
	return p.parse(filename, src, true)
}

// parse is Parse; fast selects whether the fast path (parseHCLFast) is
// tried before hclsyntax. Both give the same documents.
func (p *HCLParser) parse(filename string, src []byte, fast bool) (docs []Document, err error) {
	defer guard(filename, &err)
	// A blank file is an empty body: the document {} (as conftest).
	src, _, err = textOf(filename, src)
	if err != nil {
		return nil, err
	}
	if err := checkHCLNesting(filename, src, p.Limits.depth()); err != nil {
		return nil, err
	}
	last := lineCount(src)
	var (
		val map[string]any
		sm  *SourceMap
		ok  bool
	)
	if fast {
		val, sm, ok = parseHCLFast(filename, src, last)
	}
	if !ok {
		if val, sm, err = parseHCLSlow(filename, src, last); err != nil {
			return nil, err
		}
	}
	spanLabels(val, Path{}, sm)
	whole := Range{StartLine: 1, StartCol: 1, EndLine: last}
	sm.Set(Path{}, whole)
	return []Document{{Value: val, Range: whole, Map: sm}}, nil
}

// spanLabels widens the range of each label path with two or more blocks
// below it (/resource, /resource/aws_instance, a list of ingress blocks)
// from the first block's header to the end of the last block: a finding
// about all of them (a count, a comparison of two) then covers them,
// instead of the first one's header. A label path with one block keeps
// its header. body is a file's or a block's body at p.
func spanLabels(body map[string]any, p Path, sm *SourceMap) {
	for k, v := range body {
		switch v.(type) {
		case []any, map[string]any: // a scalar is an attribute
			labelBlocks(v, p.Child(k), sm)
		}
	}
}

// labelBlocks handles the value at p of a body: when p is a label path,
// it returns the number of blocks below it and the end of the last one
// (0 for an attribute), widening p's range when there are several.
func labelBlocks(v any, p Path, sm *SourceMap) (int, Range) {
	own, ok := sm.Exact(p)
	if !ok {
		return 0, Range{}
	}
	n, last := 0, Range{}
	switch x := v.(type) {
	case []any:
		// A block list's range is its first block's header, which the
		// blocks reach past; an attribute's list holds its elements.
		for i, el := range x {
			r, ok := sm.Exact(p.Index(i))
			body, isBody := el.(map[string]any)
			if !ok || !isBody || !endsAfter(r, own) && i == 0 {
				return 0, Range{}
			}
			spanLabels(body, p.Index(i), sm)
			if endsAfter(r, last) {
				last = r
			}
			n++
		}
	case map[string]any:
		// A label map holds label paths only.
		for k, child := range x {
			cn, cl := labelBlocks(child, p.Child(k), sm)
			if cn == 0 {
				return 0, Range{}
			}
			n += cn
			if endsAfter(cl, last) {
				last = cl
			}
		}
	default:
		return 0, Range{}
	}
	if n >= 2 && endsAfter(last, own) {
		sm.Set(p, Range{StartLine: own.StartLine, StartCol: own.StartCol, EndLine: last.EndLine, EndCol: last.EndCol})
	}
	return n, last
}

// endsAfter reports whether a ends after b.
func endsAfter(a, b Range) bool {
	return a.EndLine > b.EndLine || a.EndLine == b.EndLine && a.EndCol > b.EndCol
}

// parseHCLSlow converts src with hclsyntax and hclConv. It handles every
// input and reports every syntax error.
func parseHCLSlow(filename string, src []byte, last int) (map[string]any, *SourceMap, error) {
	file, diags := hclsyntax.ParseConfig(src, filename, hcl.InitialPos)
	if diags.HasErrors() {
		pe := hclError(filename, diags)
		clampErrorPos(src, pe)
		return nil, nil, pe
	}
	body, ok := file.Body.(*hclsyntax.Body)
	if !ok {
		return nil, nil, &ParseError{File: filename, Msg: "not native HCL syntax"}
	}
	if err := checkHCLNumbers(filename, body); err != nil {
		return nil, nil, err
	}
	c := &hclConv{src: src, file: filename, sm: &SourceMap{}, last: last}
	val, err := c.body(body)
	if err != nil {
		return nil, nil, err
	}
	return val, c.sm, nil
}

// checkHCLNumbers refuses a number literal too large for any number
// (1e999999999 is infinite to HCL): as null it would pass every
// comparison a policy makes with it. The fast path never takes one.
func checkHCLNumbers(filename string, body *hclsyntax.Body) error {
	var bad *hclsyntax.LiteralValueExpr
	hclsyntax.VisitAll(body, func(n hclsyntax.Node) hcl.Diagnostics {
		if lit, ok := n.(*hclsyntax.LiteralValueExpr); ok && bad == nil && lit.Val.Type() == cty.Number && lit.Val.IsKnown() && !lit.Val.IsNull() && lit.Val.AsBigFloat().IsInf() {
			bad = lit
		}
		return nil
	})
	if bad == nil {
		return nil
	}
	r := bad.SrcRange
	return &ParseError{File: filename, Line: r.Start.Line, Col: r.Start.Column, Msg: "number out of range"}
}

// hclError reports the first error diagnostic.
func hclError(filename string, diags hcl.Diagnostics) *ParseError {
	for _, d := range diags {
		if d.Severity != hcl.DiagError {
			continue
		}
		pe := &ParseError{File: filename, Msg: d.Summary}
		if d.Detail != "" {
			pe.Msg += ": " + d.Detail
		}
		if d.Subject != nil {
			pe.Line, pe.Col = d.Subject.Start.Line, d.Subject.Start.Column
		}
		return pe
	}
	return &ParseError{File: filename, Msg: diags.Error()}
}

// checkHCLNesting refuses files nested deeper than limit before the
// recursive HCL parser sees them: a deep enough nesting would exhaust the
// goroutine stack, which no recover() can catch. It counts brackets outside
// quoted strings and comments (heredoc text is counted, which can only make
// the check stricter).
func checkHCLNesting(filename string, src []byte, limit int) error {
	depth := 0
	for i := 0; i < len(src); i++ {
		switch c := src[i]; c {
		case '"':
			for i++; i < len(src) && src[i] != '"' && src[i] != '\n'; i++ {
				if src[i] == '\\' {
					i++
				}
			}
		case '#':
			for i < len(src) && src[i] != '\n' {
				i++
			}
		case '/':
			if i+1 < len(src) && src[i+1] == '/' {
				for i < len(src) && src[i] != '\n' {
					i++
				}
			} else if i+1 < len(src) && src[i+1] == '*' {
				end := strings.Index(string(src[i+2:]), "*/")
				if end < 0 {
					return nil // the parser reports the unterminated comment
				}
				i += end + 3
			}
		case '{', '[', '(':
			depth++
			if depth > limit {
				line, col := offsetPos(src, i)
				return &ParseError{File: filename, Line: line, Col: col,
					Msg: fmt.Sprintf("nesting deeper than %d levels", limit)}
			}
		case '}', ']', ')':
			if depth > 0 {
				depth--
			}
		}
	}
	return nil
}

type hclConv struct {
	src  []byte
	file string
	sm   *SourceMap
	last int
	ptr  pointerBuf // current path; callees push and pop
}

func (c *hclConv) set(r hcl.Range) {
	c.sm.setHere(&c.ptr, c.rng(r))
}

// setFirst records r for the current path unless a range is already there.
func (c *hclConv) setFirst(r hcl.Range) {
	if !c.sm.hasHere(&c.ptr) {
		c.set(r)
	}
}

// rng converts an HCL range with hclRange.
func (c *hclConv) rng(r hcl.Range) Range { return hclRange(r.Start, r.End, c.last) }

// hclRange converts an HCL range. An end at column 1 of a later line (a
// range that swallowed a line break, like a heredoc's) ends on the line
// before. The result is clamped to lines 1..last.
func hclRange(start, end hcl.Pos, last int) Range {
	out := Range{StartLine: start.Line, StartCol: start.Column, EndLine: end.Line, EndCol: end.Column}
	if end.Column == 1 && end.Line > start.Line {
		out.EndLine, out.EndCol = end.Line-1, 0
	}
	return clampRange(out, last)
}

func (c *hclConv) push(elem string) { c.ptr.push(elem) }
func (c *hclConv) pop()             { c.ptr.pop() }

// body converts a block body: blocks first, then attributes, which replace
// a block of the same name (hcl2json's order).
func (c *hclConv) body(b *hclsyntax.Body) (map[string]any, error) {
	out := make(map[string]any, len(b.Attributes)+len(b.Blocks))
	for _, blk := range b.Blocks {
		if err := c.block(blk, out); err != nil {
			return nil, err
		}
	}
	attrs := make([]*hclsyntax.Attribute, 0, len(b.Attributes))
	for _, a := range b.Attributes {
		attrs = append(attrs, a)
	}
	sort.Slice(attrs, func(i, j int) bool { return attrs[i].SrcRange.Start.Byte < attrs[j].SrcRange.Start.Byte })
	for _, a := range attrs {
		c.push(a.Name)
		out[a.Name] = c.expr(a.Expr)
		c.set(a.SrcRange)
		c.pop()
	}
	return out, nil
}

func (c *hclConv) block(blk *hclsyntax.Block, out map[string]any) error {
	header := blk.DefRange()
	n := len(c.ptr.ends)
	defer func() {
		for len(c.ptr.ends) > n {
			c.ptr.pop()
		}
	}()
	key := blk.Type
	for _, label := range blk.Labels {
		c.push(key)
		c.setFirst(header)
		switch inner := out[key].(type) {
		case nil:
			m := make(map[string]any)
			out[key] = m
			out = m
		case map[string]any:
			out = inner
		default:
			return c.blockConflict(blk)
		}
		key = label
	}
	c.push(key)
	c.setFirst(header)
	var list []any
	switch cur := out[key].(type) {
	case nil:
	case []any:
		list = cur
	default:
		return c.blockConflict(blk)
	}
	c.ptr.pushIndex(len(list))
	c.set(blk.Range())
	val, err := c.body(blk.Body)
	if err != nil {
		return err
	}
	out[key] = append(list, val)
	return nil
}

func (c *hclConv) blockConflict(blk *hclsyntax.Block) error {
	name := strings.Join(append([]string{blk.Type}, blk.Labels...), ".")
	return &ParseError{File: c.file, Line: blk.TypeRange.Start.Line, Col: blk.TypeRange.Start.Column,
		Msg: fmt.Sprintf("block %s conflicts with an earlier block of the same name but a different number of labels", name)}
}

// expr converts an attribute value or a nested element, recording ranges
// for the elements of tuple and object literals.
func (c *hclConv) expr(e hclsyntax.Expression) any {
	switch v := e.(type) {
	case *hclsyntax.LiteralValueExpr:
		return ctyJSON(v.Val)
	case *hclsyntax.UnaryOpExpr:
		if _, ok := v.Val.(*hclsyntax.LiteralValueExpr); ok {
			if val, diags := v.Value(nil); !diags.HasErrors() {
				return ctyJSON(val)
			}
		}
		return c.wrap(e)
	case *hclsyntax.TemplateExpr:
		return c.template(v)
	case *hclsyntax.TemplateWrapExpr:
		return c.expr(v.Wrapped)
	case *hclsyntax.TupleConsExpr:
		list := make([]any, len(v.Exprs))
		for i, x := range v.Exprs {
			c.ptr.pushIndex(i)
			list[i] = c.expr(x)
			c.set(x.Range())
			c.pop()
		}
		return list
	case *hclsyntax.ObjectConsExpr:
		m := make(map[string]any, len(v.Items))
		for _, item := range v.Items {
			k := c.key(item.KeyExpr)
			c.push(k)
			m[k] = c.expr(item.ValueExpr)
			c.set(hcl.RangeBetween(item.KeyExpr.Range(), item.ValueExpr.Range()))
			c.pop()
		}
		return m
	}
	return c.wrap(e)
}

// maxPlainExponent is the largest binary exponent (about 1,200 decimal
// digits) of a number written out in full. Beyond it a literal such as
// 4E10040000 would be millions of digits, and big.Float takes seconds to
// format it in any base-10 form (conftest hangs on it): such numbers are
// written as an approximate decimal mantissa and exponent (approxNumber).
const maxPlainExponent = 4096

// approxNumber writes f as d.ddddddddde±N, d taken from the binary
// mantissa in float64 precision: the value of an absurdly large or small
// literal, to eight significant digits, in constant time.
func approxNumber(f *big.Float) json.Number {
	mant := new(big.Float)
	exp := f.MantExp(mant) // f = mant × 2^exp, 0.5 <= |mant| < 1
	m, _ := mant.Float64()
	l := math.Log10(math.Abs(m)) + float64(exp)*math.Log10(2)
	e := math.Floor(l)
	d := math.Pow(10, l-e)
	if m < 0 {
		d = -d
	}
	return json.Number(strconv.FormatFloat(d, 'g', 8, 64) + "e" + strconv.FormatFloat(e, 'f', 0, 64))
}

// NumberJSON is the JSON number of an HCL number, as conftest's shape
// has it: its exact decimal text, or for an absurdly large or small value
// an approximation with an exponent (see maxPlainExponent). ok is false
// for infinities, which JSON cannot hold. (Not cty's RawEquals with
// cty.PositiveInfinity: cty compares numbers by their decimal text, which
// for a huge literal takes minutes.)
func NumberJSON(f *big.Float) (n json.Number, ok bool) {
	if f.IsInf() {
		return "", false
	}
	if exp := f.MantExp(nil); exp > maxPlainExponent || exp < -maxPlainExponent {
		return approxNumber(f), true
	}
	return json.Number(f.Text('f', -1)), true
}

// ctyJSON converts a literal's value. Numbers keep their exact decimal text.
func ctyJSON(v cty.Value) any {
	if v.IsNull() || !v.IsKnown() {
		return nil
	}
	switch v.Type() {
	case cty.Number:
		if n, ok := NumberJSON(v.AsBigFloat()); ok {
			return n
		}
		return nil
	case cty.Bool:
		return v.True()
	case cty.String:
		return v.AsString()
	}
	return nil
}

// template converts a quoted string or heredoc: literal text as is, every
// interpolation as "${source}", if/for directives as their source form.
// A "${" or "%{" in literal text (written "$${" and "%%{") stays escaped, as
// hcl2json (conftest) has it, so it cannot be taken for an interpolation.
func (c *hclConv) template(t *hclsyntax.TemplateExpr) string {
	if t.IsStringLiteral() {
		if v, diags := t.Value(nil); !diags.HasErrors() && v.IsKnown() && !v.IsNull() && v.Type() == cty.String {
			return EscapeTemplateText(v.AsString())
		}
	}
	var b strings.Builder
	for _, part := range t.Parts {
		b.WriteString(c.stringPart(part))
	}
	return b.String()
}

func (c *hclConv) stringPart(e hclsyntax.Expression) string {
	switch v := e.(type) {
	case *hclsyntax.LiteralValueExpr:
		if v.Val.IsNull() {
			return "null" // as hcl2json: a key `null`, "${null}"
		}
		switch s := ctyJSON(v.Val).(type) {
		case string:
			return EscapeTemplateText(s)
		case json.Number:
			return string(s)
		case bool:
			return strconv.FormatBool(s)
		}
		return ""
	case *hclsyntax.TemplateExpr:
		return c.template(v)
	case *hclsyntax.TemplateWrapExpr:
		return c.stringPart(v.Wrapped)
	case *hclsyntax.ConditionalExpr:
		var b strings.Builder
		b.WriteString("%{if ")
		b.WriteString(c.source(v.Condition.Range()))
		b.WriteString("}")
		b.WriteString(c.stringPart(v.TrueResult))
		if f := c.stringPart(v.FalseResult); f != "" {
			b.WriteString("%{else}")
			b.WriteString(f)
		}
		b.WriteString("%{endif}")
		return b.String()
	case *hclsyntax.TemplateJoinExpr:
		f, ok := v.Tuple.(*hclsyntax.ForExpr)
		if !ok {
			break
		}
		var b strings.Builder
		b.WriteString("%{for ")
		if f.KeyVar != "" {
			b.WriteString(f.KeyVar)
			b.WriteString(", ")
		}
		b.WriteString(f.ValVar)
		b.WriteString(" in ")
		b.WriteString(c.source(f.CollExpr.Range()))
		b.WriteString("}")
		b.WriteString(c.stringPart(f.ValExpr))
		b.WriteString("%{endfor}")
		return b.String()
	}
	return c.wrap(e)
}

// EscapeTemplateText writes the literal text of a template the way it is
// escaped in HCL: "${" as "$${" and "%{" as "%%{". Strings of the HCL
// shape hold literal text so, next to "${source}" interpolations.
func EscapeTemplateText(s string) string {
	if !strings.Contains(s, "{") {
		return s
	}
	s = strings.ReplaceAll(s, "${", "$${")
	return strings.ReplaceAll(s, "%{", "%%{")
}

// key converts an object key: a bare name or traversal is its source text,
// anything else converts like a template part.
func (c *hclConv) key(e hclsyntax.Expression) string {
	if k, ok := e.(*hclsyntax.ObjectConsKeyExpr); ok {
		e = k.Wrapped
		if _, ok := e.(*hclsyntax.ScopeTraversalExpr); ok {
			return c.source(e.Range())
		}
	}
	return c.stringPart(e)
}

func (c *hclConv) wrap(e hclsyntax.Expression) string {
	return "${" + c.source(e.Range()) + "}"
}

// source is the text of r in the file.
func (c *hclConv) source(r hcl.Range) string { return ExprSource(c.src, r) }

// ExprSource is the source text of an HCL expression's range, as the
// "${...}" strings of conftest's shape hold it. Like hcl2json it takes a
// ')' right after the range along (older HCL ranges left out a closing
// parenthesis).
func ExprSource(src []byte, r hcl.Range) string {
	start, end := r.Start.Byte, r.End.Byte
	if start < 0 || end > len(src) || start > end {
		return ""
	}
	if end < len(src) && src[end] == ')' {
		end++
	}
	return string(src[start:end])
}
