package parsers

import (
	"encoding/json"
	"unicode/utf8"

	"github.com/hashicorp/hcl/v2"
	"github.com/zclconf/go-cty/cty"
)

// This file is a fast path for HCLParser: a hand-written, single-pass
// scanner and converter for the common subset of HCL 2 that produces
// exactly what hclsyntax.ParseConfig followed by hclConv produces (the same
// value and the same source map), without building tokens or a syntax tree.
//
// Its one rule: accept only what it understands with certainty. On anything
// else (non-ASCII text outside line comments, carriage returns, heredocs, template directives,
// strip markers, unusual escapes or numbers, duplicate names, any syntax
// error, ...) parseHCLFast reports ok=false and the caller falls back to
// hclsyntax, which then also produces every error message and position.
//
// It mirrors these hclsyntax behaviours:
//
//   - Newlines end attributes and object items, but are ignored inside
//     parentheses, brackets, template interpolations and for expressions;
//     an object constructor makes them significant again. A line comment
//     ('#' or '//') ends with its newline and counts as one; a block comment
//     ('/* */') never does, even when it spans lines.
//   - Identifiers may contain '-' after the first character; a number is a
//     run of digits, dots and exponents without a trailing dot.
//   - A range runs from the start of an expression's first token to the end
//     of its last token; columns count bytes, as all text before a line's
//     last token is ASCII here (non-ASCII text is only accepted in line
//     comments, which end their line).
//
// The grammar it accepts: a body is attributes (name = expression, ended by
// a newline) and blocks (type, quoted or bare labels, then a body in braces,
// or a single attribute on the brace's line); an expression is a
// conditional over binary operators over unary operators over a term with
// traversals (.name, .N, [expr], [*], .*); terms are numbers, true, false,
// null, names, function calls, quoted templates with ${} interpolations,
// parenthesised expressions, tuples, objects and for expressions.

// fastMaxDepth bounds the fast parser's recursion; deeper input falls back.
const fastMaxDepth = 200

// ftKind is the type of a token of the fast scanner.
type ftKind uint8

const (
	ftBad ftKind = iota // anything the fast path does not handle
	ftEOF
	ftNewline // a line break, or a line comment with its line break
	ftIdent
	ftNumber
	ftQuote   // the opening quote of a template
	ftHeredoc // a heredoc introducer: <<ID or <<-ID, a line break follows
	ftOBrace
	ftCBrace
	ftOBrack
	ftCBrack
	ftOParen
	ftCParen
	ftComma
	ftDot
	ftEqual
	ftColon
	ftQuestion
	ftEllipsis
	ftFatArrow
	ftBang
	ftMinus // also a binary operator
	ftStar  // also a binary operator
	ftOp    // any other binary operator
)

// fastTok is one token: its kind and bytes, and the line it starts on.
// Every token but ftNewline ends on the line it starts on.
type fastTok struct {
	kind       ftKind
	binary     bool // a binary operator (ftMinus, ftStar, ftOp)
	start, end int  // byte offsets
	line       int  // 1-based line of start
	lineStart  int  // offset of the first byte of that line
}

func (t *fastTok) startPos() hcl.Pos {
	return hcl.Pos{Line: t.line, Column: t.start - t.lineStart + 1, Byte: t.start}
}

func (t *fastTok) endPos() hcl.Pos {
	return hcl.Pos{Line: t.line, Column: t.end - t.lineStart + 1, Byte: t.end}
}

// fkind classifies a parsed expression the way hclConv tells them apart.
type fkind uint8

const (
	fkGeneral     fkind = iota // converted as "${source}"
	fkLiteral                  // a number, true, false or null on its own
	fkNeg                      // a minus sign applied to a number literal
	fkTemplate                 // a quoted template on its own
	fkTuple                    // a tuple constructor on its own
	fkObject                   // an object constructor on its own
	fkConditional              // a ? b : c (its own case inside templates)
)

// fexpr is a parsed expression: its kind, range and, when converting, value.
type fexpr struct {
	kind       fkind
	start, end hcl.Pos
	val        any
}

// fastParser holds the scanner state and the conversion output.
type fastParser struct {
	src       []byte
	off       int  // offset of the next unread byte
	line      int  // line of off
	lineStart int  // offset of the first byte of line
	nl        bool // newlines are significant (bodies and objects)
	lastEnd   hcl.Pos
	failed    bool
	depth     int

	peeked   fastTok
	peekOff  int // offset the peeked token was scanned from, -1 for none
	peekNL   bool
	attrs    []string // attribute names of the bodies being parsed
	sm       *SourceMap
	ptr      pointerBuf
	last     int
	writes   int // source-map entries recorded so far
	scratchB []byte
}

// parseHCLFast converts src (BOM already stripped, known to be text) like
// hclsyntax.ParseConfig plus hclConv, or reports ok=false when src holds
// anything it does not handle (see the comment at the top of this file).
// last is the file's line count, for clamping ranges like hclConv.
func parseHCLFast(filename string, src []byte, last int) (value map[string]any, sm *SourceMap, ok bool) {
	for _, c := range src {
		if c == 0x7f || (c < ' ' && c != '\n' && c != '\t') {
			return nil, nil, false
		}
	}
	p := &fastParser{src: src, line: 1, nl: true, peekOff: -1, sm: &SourceMap{}, last: last}
	out := make(map[string]any)
	if !p.body(out, true) || p.failed {
		return nil, nil, false
	}
	return out, p.sm, true
}

// fail marks the input as not handled; every caller returns at once.
func (p *fastParser) fail() bool {
	p.failed = true
	return false
}

// scan reads the token at off, skipping spaces and comments (and, when
// newlines are not significant, line breaks). It does not move the parser.
func (p *fastParser) scan() fastTok {
	src, off, line, ls := p.src, p.off, p.line, p.lineStart
	for off < len(src) {
		c := src[off]
		switch {
		case c == ' ' || c == '\t':
			off++
			continue
		case c == '\n':
			if p.nl {
				return fastTok{kind: ftNewline, start: off, end: off + 1, line: line, lineStart: ls}
			}
			off++
			line, ls = line+1, off
			continue
		case c == '#' || (c == '/' && off+1 < len(src) && src[off+1] == '/'):
			end := indexByteFrom(src, off, '\n')
			if end < 0 {
				end = len(src)
			}
			if !utf8.Valid(src[off:end]) {
				// hclsyntax ends a comment at an invalid byte; leave it to hclsyntax.
				return fastTok{kind: ftBad, start: off, end: off, line: line, lineStart: ls}
			}
			if end == len(src) {
				off = len(src) // a comment at the end of the file
				continue
			}
			if p.nl {
				return fastTok{kind: ftNewline, start: off, end: end + 1, line: line, lineStart: ls}
			}
			off = end + 1
			line, ls = line+1, off
			continue
		case c == '/' && off+1 < len(src) && src[off+1] == '*':
			i := off + 2
			for ; i+1 < len(src) && (src[i] != '*' || src[i+1] != '/') && src[i] < utf8.RuneSelf; i++ {
				if src[i] == '\n' {
					line, ls = line+1, i+1
				}
			}
			if i+1 >= len(src) || src[i] >= utf8.RuneSelf {
				return fastTok{kind: ftBad, start: off, end: off, line: line, lineStart: ls}
			}
			off = i + 2
			continue
		}
		break
	}
	t := fastTok{start: off, line: line, lineStart: ls}
	if off >= len(src) {
		t.kind, t.end = ftEOF, off
		return t
	}
	c := src[off]
	next := byte(0)
	if off+1 < len(src) {
		next = src[off+1]
	}
	n := 1
	switch {
	case isIdentStart(c):
		for n = 1; off+n < len(src) && isIdentByte(src[off+n]); n++ {
		}
		t.kind = ftIdent
	case c >= '0' && c <= '9':
		n = numberLen(src[off:])
		t.kind = ftNumber
	case c == '"':
		t.kind = ftQuote
	case c == '{':
		t.kind = ftOBrace
	case c == '}':
		t.kind = ftCBrace
	case c == '[':
		t.kind = ftOBrack
	case c == ']':
		t.kind = ftCBrack
	case c == '(':
		t.kind = ftOParen
	case c == ')':
		t.kind = ftCParen
	case c == ',':
		t.kind = ftComma
	case c == '?':
		t.kind = ftQuestion
	case c == '.':
		t.kind = ftDot
		if next == '.' && off+2 < len(src) && src[off+2] == '.' {
			t.kind, n = ftEllipsis, 3
		}
	case c == '=':
		switch next {
		case '=':
			t.kind, t.binary, n = ftOp, true, 2
		case '>':
			t.kind, n = ftFatArrow, 2
		default:
			t.kind = ftEqual
		}
	case c == '!':
		t.kind = ftBang
		if next == '=' {
			t.kind, t.binary, n = ftOp, true, 2
		}
	case c == '<':
		t.kind, t.binary = ftOp, true
		switch next {
		case '<': // a heredoc, or an error
			t.kind, t.binary = ftBad, false
			if h := heredocIntroLen(src[off:]); h > 0 {
				t.kind, n = ftHeredoc, h
			}
		case '=':
			n = 2
		}
	case c == '>':
		t.kind, t.binary = ftOp, true
		if next == '=' {
			n = 2
		}
	case c == '&' && next == '&', c == '|' && next == '|':
		t.kind, t.binary, n = ftOp, true, 2
	case c == '+' || c == '/' || c == '%':
		t.kind, t.binary = ftOp, true
	case c == '-':
		t.kind, t.binary = ftMinus, true
	case c == '*':
		t.kind, t.binary = ftStar, true
	case c == ':':
		t.kind = ftColon
		if next == ':' { // a namespaced function name
			t.kind = ftBad
		}
	default:
		t.kind = ftBad
	}
	t.end = off + n
	return t
}

// peek returns the next token without reading it.
func (p *fastParser) peek() *fastTok {
	if p.peekOff != p.off || p.peekNL != p.nl {
		p.peeked = p.scan()
		p.peekOff, p.peekNL = p.off, p.nl
	}
	return &p.peeked
}

// next reads the next token and records its end as the last one read.
func (p *fastParser) next() fastTok {
	t := *p.peek()
	if t.kind == ftBad || t.kind == ftEOF {
		return t // never moves past the end or an unknown token
	}
	p.off = t.end
	if t.kind == ftNewline {
		p.line, p.lineStart = t.line+1, t.end
		return t
	}
	p.line, p.lineStart = t.line, t.lineStart
	p.lastEnd = t.endPos()
	return t
}

// text is the source text of t.
func (p *fastParser) text(t *fastTok) string { return string(p.src[t.start:t.end]) }

// isKeyword reports whether t is the identifier kw.
func (p *fastParser) isKeyword(t *fastTok, kw string) bool {
	return t.kind == ftIdent && string(p.src[t.start:t.end]) == kw
}

// set records the range start..end for the current path.
func (p *fastParser) set(start, end hcl.Pos) {
	p.sm.setHere(&p.ptr, hclRange(start, end, p.last))
	p.writes++
}

// body parses the items of a body up to its closing brace (or the end of
// the file for the top level) into out. Attribute names must be unique and
// differ from the block types of the body.
func (p *fastParser) body(out map[string]any, top bool) bool {
	if p.depth++; p.depth > fastMaxDepth {
		return p.fail()
	}
	base := len(p.attrs)
	defer func() {
		p.attrs = p.attrs[:base]
		p.depth--
	}()
	for {
		t := p.next()
		switch t.kind {
		case ftNewline:
			continue
		case ftEOF:
			return top || p.fail()
		case ftCBrace:
			return !top || p.fail()
		case ftIdent:
			if !p.item(&t, out, base, false) {
				return false
			}
		default:
			return p.fail()
		}
	}
}

// item parses an attribute or block that starts with the identifier name.
// In a single-line block (single) only an attribute is allowed and the
// caller checks what follows it.
func (p *fastParser) item(name *fastTok, out map[string]any, base int, single bool) bool {
	switch p.peek().kind {
	case ftEqual:
		p.next()
		key := p.text(name)
		if _, dup := out[key]; dup {
			return p.fail() // redefined, or also a block type here
		}
		p.attrs = append(p.attrs, key)
		p.ptr.push(key)
		e, ok := p.expr(true)
		if !ok {
			return false
		}
		out[key] = e.val
		p.set(name.startPos(), p.lastEnd)
		p.ptr.pop()
		if single {
			return true
		}
		switch p.peek().kind {
		case ftNewline:
			p.next()
		case ftEOF:
		default:
			return p.fail()
		}
		return true
	case ftQuote, ftOBrace, ftIdent:
		if single {
			return p.fail()
		}
		return p.block(name, out, base)
	}
	return p.fail()
}

// block parses a block after its type and converts it like hclConv.block:
// type -> label... -> [body, ...], with the header range on the label
// paths (first block wins) and the whole block on its list element.
func (p *fastParser) block(typ *fastTok, out map[string]any, base int) bool {
	key := p.text(typ)
	for _, a := range p.attrs[base:] {
		if a == key {
			return p.fail()
		}
	}
	n := len(p.ptr.ends)
	defer func() {
		for len(p.ptr.ends) > n {
			p.ptr.pop()
		}
	}()
	var labels []string
	headerEnd := typ.endPos()
	for {
		t := p.next()
		if t.kind == ftOBrace {
			break
		}
		switch t.kind {
		case ftQuote:
			s, ok := p.quotedLabel()
			if !ok {
				return false
			}
			labels = append(labels, s)
		case ftIdent:
			labels = append(labels, p.text(&t))
		default:
			return p.fail()
		}
		headerEnd = p.lastEnd
	}
	header := [2]hcl.Pos{typ.startPos(), headerEnd}
	cur := out
	for _, label := range labels {
		p.ptr.push(key)
		p.setFirst(header)
		switch inner := cur[key].(type) {
		case nil:
			m := make(map[string]any)
			cur[key] = m
			cur = m
		case map[string]any:
			cur = inner
		default:
			return p.fail()
		}
		key = label
	}
	p.ptr.push(key)
	p.setFirst(header)
	var list []any
	switch v := cur[key].(type) {
	case nil:
	case []any:
		list = v
	default:
		return p.fail()
	}
	p.ptr.pushIndex(len(list))
	val := make(map[string]any)
	switch p.peek().kind {
	case ftNewline, ftEOF, ftCBrace:
		if !p.body(val, false) {
			return false
		}
	default: // a single-line block: one attribute, then the closing brace
		name := p.next()
		if name.kind != ftIdent {
			return p.fail()
		}
		base := len(p.attrs)
		ok := p.item(&name, val, base, true)
		p.attrs = p.attrs[:base]
		if !ok || p.next().kind != ftCBrace {
			return p.fail()
		}
	}
	p.set(typ.startPos(), p.lastEnd)
	cur[key] = append(list, val)
	switch p.peek().kind {
	case ftNewline:
		p.next()
	case ftEOF:
	default:
		return p.fail()
	}
	return true
}

// setFirst records r for the current path unless a range is already there.
func (p *fastParser) setFirst(r [2]hcl.Pos) {
	if !p.sm.hasHere(&p.ptr) {
		p.set(r[0], r[1])
	}
}

// quotedLabel reads a block label after its opening quote: plain text and
// the escapes \n \r \t \" \\ only.
func (p *fastParser) quotedLabel() (string, bool) {
	b := p.scratchB[:0]
	for i := p.off; i < len(p.src); {
		c := p.src[i]
		switch c {
		case '"':
			p.off = i + 1
			p.lastEnd = hcl.Pos{Line: p.line, Column: p.off - p.lineStart + 1, Byte: p.off}
			p.scratchB = b
			return string(b), true
		case '\\':
			e, ok := escapeByte(p.src, i)
			if !ok {
				return "", p.fail()
			}
			b = append(b, e)
			i += 2
		case '$', '%':
			if templateSequence(p.src, i) {
				return "", p.fail()
			}
			b = append(b, c)
			i++
		case '\n':
			return "", p.fail()
		default:
			if c >= utf8.RuneSelf {
				return "", p.fail()
			}
			b = append(b, c)
			i++
		}
	}
	return "", p.fail()
}

// templateSequence reports whether the '$' or '%' at src[i] starts an
// interpolation or directive ("${", "%{") or an escaped one ("$${",
// "%%{"). Any other '$' or '%' is literal text, also when doubled.
func templateSequence(src []byte, i int) bool {
	c := src[i]
	at := func(j int) byte {
		if j < len(src) {
			return src[j]
		}
		return 0
	}
	return at(i+1) == '{' || at(i+1) == c && at(i+2) == '{'
}

// escapeByte decodes the escape sequence at src[i] ('\\'); only the
// one-letter escapes are handled.
func escapeByte(src []byte, i int) (byte, bool) {
	if i+1 >= len(src) {
		return 0, false
	}
	switch src[i+1] {
	case 'n':
		return '\n', true
	case 'r':
		return '\r', true
	case 't':
		return '\t', true
	case '"':
		return '"', true
	case '\\':
		return '\\', true
	}
	return 0, false
}

// expr parses an expression: binary operations, optionally the condition
// of a conditional. With conv it also converts it like hclConv.expr,
// recording source-map entries below the current path.
func (p *fastParser) expr(conv bool) (fexpr, bool) {
	if p.depth++; p.depth > fastMaxDepth {
		return fexpr{}, p.fail()
	}
	defer func() { p.depth-- }()
	writes := p.writes
	start := p.peek().startPos()
	e, ok := p.unary(conv)
	if !ok {
		return e, false
	}
	kind := e.kind
	for p.peek().binary {
		p.next()
		if _, ok := p.unary(false); !ok {
			return e, false
		}
		kind = fkGeneral
	}
	if p.peek().kind == ftQuestion {
		p.next()
		if _, ok := p.expr(false); !ok {
			return e, false
		}
		if p.next().kind != ftColon {
			return e, p.fail()
		}
		if _, ok := p.expr(false); !ok {
			return e, false
		}
		kind = fkConditional
	}
	if kind == fkGeneral || kind == fkConditional {
		if p.writes != writes {
			return e, p.fail() // a converted tuple or object was only an operand
		}
		e = fexpr{kind: kind, start: start, end: p.lastEnd}
		if conv {
			e.val = p.wrap(start, p.lastEnd)
		}
	}
	return e, true
}

// wrap is the "${source}" form of the expression at start..end.
func (p *fastParser) wrap(start, end hcl.Pos) string {
	return "${" + ExprSource(p.src, hcl.Range{Start: start, End: end}) + "}"
}

// unary parses a term with any unary operators and traversals. A single
// minus before a bare number is a negative number; other unary operators on
// a bare literal fall back (hclConv evaluates them).
func (p *fastParser) unary(conv bool) (fexpr, bool) {
	start := p.peek().startPos()
	ops, minus := 0, false
	for k := p.peek().kind; k == ftMinus || k == ftBang; k = p.peek().kind {
		p.next()
		ops++
		minus = k == ftMinus
	}
	writes := p.writes
	numTok := *p.peek()
	e, ok := p.term(conv && ops == 0)
	if !ok {
		return e, false
	}
	trav, ok := p.traversals()
	if !ok {
		return e, false
	}
	switch {
	case ops == 0 && !trav:
		return e, true
	case ops == 1 && !trav && e.kind == fkLiteral:
		if !minus || numTok.kind != ftNumber {
			return e, p.fail()
		}
		e = fexpr{kind: fkNeg, start: start, end: p.lastEnd}
		if conv {
			v, err := cty.ParseNumberVal(p.text(&numTok))
			if err != nil {
				return e, p.fail()
			}
			e.val = ctyJSON(v.Negate())
		}
		return e, true
	}
	if p.writes != writes {
		return e, p.fail()
	}
	return fexpr{kind: fkGeneral, start: start, end: p.lastEnd}, true
}

// term parses one term (no traversals).
func (p *fastParser) term(conv bool) (fexpr, bool) {
	t := p.next()
	e := fexpr{kind: fkGeneral, start: t.startPos()}
	switch t.kind {
	case ftOParen:
		nl := p.nl
		p.nl = false
		if _, ok := p.expr(false); !ok {
			return e, false
		}
		if p.next().kind != ftCParen {
			return e, p.fail()
		}
		p.nl = nl
	case ftNumber:
		e.kind = fkLiteral
		if !plainNumber(p.src[t.start:t.end]) {
			return e, p.fail()
		}
		if conv {
			e.val = numberValue(p.src[t.start:t.end])
		}
	case ftIdent:
		if p.peek().kind == ftOParen {
			if !p.call() {
				return e, false
			}
			break
		}
		switch string(p.src[t.start:t.end]) {
		case "true":
			e.kind, e.val = fkLiteral, true
		case "false":
			e.kind, e.val = fkLiteral, false
		case "null":
			e.kind, e.val = fkLiteral, nil
		}
	case ftQuote:
		return p.template(&t, conv, false)
	case ftHeredoc:
		return p.heredoc(&t, conv)
	case ftOBrack:
		return p.tuple(&t, conv)
	case ftOBrace:
		return p.object(&t, conv)
	default:
		return e, p.fail()
	}
	e.end = p.lastEnd
	return e, true
}

// traversals parses attribute, index and splat steps after a term and
// reports whether there were any.
func (p *fastParser) traversals() (bool, bool) {
	stepped := false
	for {
		switch p.peek().kind {
		case ftDot:
			p.next()
			t := p.next()
			switch t.kind {
			case ftIdent:
			case ftNumber: // legacy index: foo.0
				if !allDigits(p.src[t.start:t.end]) {
					return stepped, p.fail()
				}
			case ftStar: // attribute-only splat: foo.*.bar.0
				for p.peek().kind == ftDot {
					p.next()
					a := p.next()
					if a.kind != ftIdent && (a.kind != ftNumber || !allDigits(p.src[a.start:a.end])) {
						return stepped, p.fail()
					}
				}
			default:
				return stepped, p.fail()
			}
		case ftOBrack:
			p.next()
			if p.peek().kind == ftStar {
				p.next()
				if p.next().kind != ftCBrack {
					return stepped, p.fail()
				}
				break
			}
			nl := p.nl
			p.nl = false
			if _, ok := p.expr(false); !ok {
				return stepped, false
			}
			if p.next().kind != ftCBrack {
				return stepped, p.fail()
			}
			p.nl = nl
		default:
			return stepped, true
		}
		stepped = true
	}
}

// call parses a function call's arguments; the name is read and the peeked
// token is the opening parenthesis.
func (p *fastParser) call() bool {
	p.next()
	nl := p.nl
	p.nl = false
	defer func() { p.nl = nl }()
	if p.peek().kind == ftCParen {
		p.next()
		return true
	}
	for {
		if _, ok := p.expr(false); !ok {
			return false
		}
		switch p.next().kind {
		case ftCParen:
			return true
		case ftEllipsis:
			return p.next().kind == ftCParen || p.fail()
		case ftComma:
			if p.peek().kind == ftCParen {
				p.next()
				return true
			}
		default:
			return p.fail()
		}
	}
}

// tuple parses a tuple constructor or tuple for expression after '['.
func (p *fastParser) tuple(open *fastTok, conv bool) (fexpr, bool) {
	e := fexpr{kind: fkTuple, start: open.startPos()}
	nl := p.nl
	p.nl = false
	defer func() { p.nl = nl }()
	if p.isKeyword(p.peek(), "for") {
		if !p.forExpr(ftCBrack) {
			return e, false
		}
		e.kind, e.end = fkGeneral, p.lastEnd
		return e, true
	}
	var list []any
	if conv {
		list = make([]any, 0, 4)
	}
	for i := 0; ; i++ {
		if p.peek().kind == ftCBrack {
			p.next()
			break
		}
		if conv {
			p.ptr.pushIndex(i)
		}
		x, ok := p.expr(conv)
		if !ok {
			return e, false
		}
		if conv {
			list = append(list, x.val)
			p.set(x.start, x.end)
			p.ptr.pop()
		}
		t := p.next()
		if t.kind == ftCBrack {
			break
		}
		if t.kind != ftComma {
			return e, p.fail()
		}
	}
	e.end, e.val = p.lastEnd, list
	return e, true
}

// object parses an object constructor or object for expression after '{'.
// Keys are names or quoted templates.
func (p *fastParser) object(open *fastTok, conv bool) (fexpr, bool) {
	e := fexpr{kind: fkObject, start: open.startPos()}
	nl := p.nl
	defer func() { p.nl = nl }()
	p.nl = false
	if p.isKeyword(p.peek(), "for") {
		if !p.forExpr(ftCBrace) {
			return e, false
		}
		e.kind, e.end = fkGeneral, p.lastEnd
		return e, true
	}
	p.nl = true
	var m map[string]any
	if conv {
		m = make(map[string]any)
	}
	for {
		t := p.next()
		if t.kind == ftNewline {
			continue
		}
		if t.kind == ftCBrace {
			break
		}
		key, ok := p.objectKey(&t)
		if !ok {
			return e, false
		}
		if k := p.next().kind; k != ftEqual && k != ftColon {
			return e, p.fail()
		}
		if conv {
			p.ptr.push(key)
		}
		v, ok := p.expr(conv)
		if !ok {
			return e, false
		}
		if conv {
			m[key] = v.val
			p.set(t.startPos(), v.end)
			p.ptr.pop()
		}
		t = p.next()
		if t.kind == ftCBrace {
			break
		}
		if t.kind != ftComma && t.kind != ftNewline {
			return e, p.fail()
		}
	}
	e.end, e.val = p.lastEnd, m
	return e, true
}

// objectKey parses an object key that starts with t and converts it like
// hclConv.key: a name or a traversal of names (a.b.c) is its source text; a
// quoted template, number, true, false or null converts like a template
// part, and so does a parenthesised expression ("${(source)}").
func (p *fastParser) objectKey(t *fastTok) (string, bool) {
	switch t.kind {
	case ftIdent:
		dots := false
		for p.peek().kind == ftDot {
			p.next()
			if p.next().kind != ftIdent {
				return "", p.fail()
			}
			dots = true
		}
		name := p.text(t)
		keyword := name == "true" || name == "false" || name == "null"
		switch {
		case dots && keyword: // a traversal of a literal: "${null.a}"
			return p.wrap(t.startPos(), p.lastEnd), true
		case dots:
			return ExprSource(p.src, hcl.Range{Start: t.startPos(), End: p.lastEnd}), true
		case name == "null":
			return "null", true // as hcl2json
		}
		return name, true
	case ftNumber:
		if !plainNumber(p.src[t.start:t.end]) {
			return "", p.fail()
		}
		n, ok := numberValue(p.src[t.start:t.end]).(json.Number)
		return string(n), ok || p.fail()
	case ftQuote:
		k, ok := p.template(t, false, true)
		s, _ := k.val.(string)
		return s, ok
	case ftOParen:
		nl := p.nl
		p.nl = false
		if _, ok := p.expr(false); !ok {
			return "", false
		}
		if p.next().kind != ftCParen {
			return "", p.fail()
		}
		p.nl = nl
		return p.wrap(t.startPos(), p.lastEnd), true
	}
	return "", p.fail()
}

// forExpr parses a for expression from its "for" keyword to the closing
// bracket close, with newlines not significant.
func (p *fastParser) forExpr(close ftKind) bool {
	p.next() // for
	if p.next().kind != ftIdent {
		return p.fail()
	}
	if p.peek().kind == ftComma {
		p.next()
		if p.next().kind != ftIdent {
			return p.fail()
		}
	}
	if in := p.next(); !p.isKeyword(&in, "in") {
		return p.fail()
	}
	if _, ok := p.expr(false); !ok {
		return false
	}
	if p.next().kind != ftColon {
		return p.fail()
	}
	if _, ok := p.expr(false); !ok {
		return false
	}
	hasKey, group := false, false
	if p.peek().kind == ftFatArrow {
		p.next()
		hasKey = true
		if _, ok := p.expr(false); !ok {
			return false
		}
	}
	if p.peek().kind == ftEllipsis {
		p.next()
		group = true
	}
	if p.isKeyword(p.peek(), "if") {
		p.next()
		if _, ok := p.expr(false); !ok {
			return false
		}
	}
	if p.next().kind != close {
		return p.fail()
	}
	if close == ftCBrack {
		return !hasKey && !group || p.fail()
	}
	return hasKey || p.fail()
}

// template parses a quoted template after its opening quote.
//
// As a value (conv, not key) it converts like hclConv.expr: a literal-only
// string is its text, a template that is exactly one interpolation "${X}"
// converts like X, anything else is its literal text with each
// interpolation as "${source}". As an object key (key) it converts like
// hclConv.stringPart: always the text form. Interpolations whose
// conversion in the text form is not "${source}" (literals, nested
// templates, conditionals) fall back.
func (p *fastParser) template(open *fastTok, conv, key bool) (fexpr, bool) {
	e := fexpr{kind: fkTemplate, start: open.startPos()}
	build := conv || key
	var b []byte
	i := p.off
	first := true
	for {
		if i >= len(p.src) {
			return e, p.fail()
		}
		c := p.src[i]
		switch c {
		case '"':
			p.off = i + 1
			p.lastEnd = hcl.Pos{Line: p.line, Column: p.off - p.lineStart + 1, Byte: p.off}
			e.end = p.lastEnd
			if build {
				e.val = string(b)
			}
			return e, true
		case '\n':
			return e, p.fail()
		case '\\':
			x, ok := escapeByte(p.src, i)
			if !ok {
				return e, p.fail()
			}
			if build {
				b = append(b, x)
			}
			i += 2
		case '%':
			if templateSequence(p.src, i) {
				return e, p.fail()
			}
			if build {
				b = append(b, c)
			}
			i++
		case '$':
			if i+1 >= len(p.src) || p.src[i+1] != '{' {
				if templateSequence(p.src, i) { // "$${"
					return e, p.fail()
				}
				if build {
					b = append(b, c)
				}
				i++
				break
			}
			if i+2 < len(p.src) && p.src[i+2] == '~' {
				return e, p.fail()
			}
			whole := first && !key // may turn out to be "${X}"
			p.off = i + 2
			writes := p.writes
			nl := p.nl
			p.nl = false
			x, ok := p.expr(conv && whole)
			if !ok {
				return e, false
			}
			if p.next().kind != ftCBrace {
				return e, p.fail()
			}
			p.nl = nl
			i = p.off
			if whole && i < len(p.src) && p.src[i] == '"' {
				p.off = i + 1
				p.lastEnd = hcl.Pos{Line: p.line, Column: p.off - p.lineStart + 1, Byte: p.off}
				e.end, e.val = p.lastEnd, x.val
				return e, true
			}
			if p.writes != writes {
				return e, p.fail()
			}
			switch x.kind {
			case fkLiteral, fkTemplate, fkConditional:
				return e, p.fail()
			}
			if build {
				b = append(b, "${"...)
				b = append(b, ExprSource(p.src, hcl.Range{Start: x.start, End: x.end})...)
				b = append(b, '}')
			}
		default:
			if c >= utf8.RuneSelf {
				return e, p.fail()
			}
			if build {
				b = append(b, c)
			}
			i++
		}
		first = false
	}
}

// heredoc parses a heredoc template after its introducer, up to the end of
// its closing marker line (the line break after it is left for the caller,
// as hclsyntax makes it a newline token). Lines are literal text (no
// backslash escapes) with ${} interpolations that must end on the line
// they start on. A flush heredoc (<<-) drops the smallest indentation of
// its non-blank lines from each of them, where a line starting with an
// interpolation counts as not indented and lines of only spaces are left
// as they are. The value is the text form of a template (see template).
func (p *fastParser) heredoc(open *fastTok, conv bool) (fexpr, bool) {
	e := fexpr{kind: fkTemplate, start: open.startPos()}
	marker := p.src[open.start+2 : open.end]
	flush := marker[0] == '-'
	if flush {
		marker = marker[1:]
	}
	// A segment is literal text src[start:end], or an interpolation's
	// "${source}"; indented marks the first segment of a non-blank line.
	type segment struct {
		start, end int
		interp     string
		indented   bool
	}
	var segs []segment
	minIndent := -1
	i, line := open.end+1, open.line+1
	for {
		eol := indexByteFrom(p.src, i, '\n')
		if eol < 0 {
			return e, p.fail()
		}
		if string(trimBlanks(p.src[i:eol])) == string(marker) {
			p.off, p.line, p.lineStart = eol, line, i
			p.lastEnd = hcl.Pos{Line: line, Column: eol - i + 1, Byte: eol}
			break
		}
		indent := 0
		for indent < eol-i && (p.src[i+indent] == ' ' || p.src[i+indent] == '\t') {
			indent++
		}
		first := len(segs)
		if indent < eol-i && (minIndent < 0 || indent < minIndent) {
			minIndent = indent
		}
		lit := i
		for k := i; k < eol; {
			c := p.src[k]
			if c >= utf8.RuneSelf {
				return e, p.fail()
			}
			if (c != '$' && c != '%') || !templateSequence(p.src, k) {
				k++
				continue
			}
			if c == '%' || p.src[k+1] != '{' || p.src[k+2] == '~' {
				return e, p.fail()
			}
			if k > lit {
				segs = append(segs, segment{start: lit, end: k})
			}
			p.off, p.line, p.lineStart = k+2, line, i
			nl := p.nl
			p.nl = false
			x, ok := p.expr(false)
			if !ok {
				return e, false
			}
			if p.next().kind != ftCBrace || p.line != line {
				return e, p.fail()
			}
			p.nl = nl
			switch x.kind {
			case fkLiteral, fkTemplate, fkConditional:
				return e, p.fail()
			}
			segs = append(segs, segment{interp: p.wrap(x.start, x.end)})
			k, lit = p.off, p.off
		}
		segs = append(segs, segment{start: lit, end: eol + 1})
		segs[first].indented = indent < eol-i && segs[first].interp == ""
		i, line = eol+1, line+1
	}
	e.end = p.lastEnd
	if !conv {
		return e, true
	}
	trim := 0
	if flush && minIndent > 0 {
		trim = minIndent
	}
	var b []byte
	for _, s := range segs {
		switch {
		case s.interp != "":
			b = append(b, s.interp...)
		case s.indented:
			b = append(b, p.src[s.start+trim:s.end]...)
		default:
			b = append(b, p.src[s.start:s.end]...)
		}
	}
	e.val = string(b)
	return e, true
}

// heredocIntroLen is the length of the heredoc introducer at the start of
// s ("<<" or "<<-", then a name, then a line break not counted), or 0.
func heredocIntroLen(s []byte) int {
	i := 2
	if i < len(s) && s[i] == '-' {
		i++
	}
	if i >= len(s) || !isIdentStart(s[i]) {
		return 0
	}
	for i++; i < len(s) && isIdentByte(s[i]); i++ {
	}
	if i >= len(s) || s[i] != '\n' {
		return 0
	}
	return i
}

// trimBlanks trims spaces and tabs at both ends of s.
func trimBlanks(s []byte) []byte {
	for len(s) > 0 && (s[0] == ' ' || s[0] == '\t') {
		s = s[1:]
	}
	for len(s) > 0 && (s[len(s)-1] == ' ' || s[len(s)-1] == '\t') {
		s = s[:len(s)-1]
	}
	return s
}

// plainNumber reports whether s is digits, optionally a fraction and an
// exponent of at most three digits: a number literal hclsyntax parses
// without error and whose decimal text is of reasonable length.
func plainNumber(s []byte) bool {
	i := digitsLen(s)
	if i == 0 {
		return false
	}
	if i < len(s) && s[i] == '.' {
		n := digitsLen(s[i+1:])
		if n == 0 {
			return false
		}
		i += 1 + n
	}
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		i++
		if i < len(s) && (s[i] == '+' || s[i] == '-') {
			i++
		}
		n := digitsLen(s[i:])
		if n == 0 || n > 3 {
			return false // a huge exponent is the slow path's (costly) business
		}
		i += n
	}
	return i == len(s)
}

// numberValue converts a plain number literal like hclConv: the decimal
// text of the parsed value. A short integer without leading zeros is its
// own text.
func numberValue(s []byte) any {
	if len(s) <= 15 && allDigits(s) && (s[0] != '0' || len(s) == 1) {
		return json.Number(s)
	}
	v, err := cty.ParseNumberVal(string(s))
	if err != nil {
		return nil // unreachable for a plain number
	}
	return ctyJSON(v)
}

func digitsLen(s []byte) int {
	n := 0
	for n < len(s) && s[n] >= '0' && s[n] <= '9' {
		n++
	}
	return n
}

func allDigits(s []byte) bool { return len(s) > 0 && digitsLen(s) == len(s) }

// numberLen is the length of the number token at the start of s (a digit):
// digits, dots and exponents (e, E, optionally signed, then a digit), not
// ending in a dot.
func numberLen(s []byte) int {
	i := 1
	for i < len(s) {
		c := s[i]
		switch {
		case c >= '0' && c <= '9' || c == '.':
			i++
			continue
		case c == 'e' || c == 'E':
			if i+1 < len(s) && s[i+1] >= '0' && s[i+1] <= '9' {
				i += 2
				continue
			}
			if i+2 < len(s) && (s[i+1] == '+' || s[i+1] == '-') && s[i+2] >= '0' && s[i+2] <= '9' {
				i += 3
				continue
			}
		}
		break
	}
	for s[i-1] == '.' {
		i--
	}
	return i
}

func isIdentStart(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_'
}

func isIdentByte(c byte) bool {
	return isIdentStart(c) || c >= '0' && c <= '9' || c == '-'
}

func indexByteFrom(src []byte, from int, c byte) int {
	for i := from; i < len(src); i++ {
		if src[i] == c {
			return i
		}
	}
	return -1
}
