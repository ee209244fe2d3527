package parsers

import (
	"bytes"
	"math"
	"unicode/utf8"
)

// This file is a fast path for YAMLParser: a hand-written, line-oriented
// scanner and converter for the regular subset of YAML that Kubernetes
// manifests use. It produces exactly what goyaml v3's node tree followed by
// yamlConv produces (the same values, Index, Range and source map), without
// building tokens, events or nodes.
//
// Its one rule: accept only what it understands with certainty. On anything
// else eachYAMLFast reports ok=false and the caller falls back to goyaml,
// which then also produces every error message and position.
//
// The subset it accepts:
//
//   - Block mappings whose keys are plain or quoted scalars on one line,
//     followed by ':' and a space or the end of the line; block sequences,
//     also indentless ones ("key:" then "- x" at the key's column) and
//     compact ones ("- key: v", "- - x").
//   - Plain scalars, single- and double-quoted scalars (all of goyaml's
//     escapes), also over several lines (folded as goyaml folds them),
//     after their key or dash or on the next line; literal and folded
//     block scalars; empty values (null).
//   - Flow sequences and mappings of one-line scalars that close on the
//     line they open on ("[]", "{}", ["sh", "-c"], {a: 1}).
//   - Comments, and "---" document markers (with a comment at most).
//
// It refuses (falls back on) anchors, aliases, tags, merge keys, complex
// keys, directives, "..." markers, flow collections over several lines,
// escaped line breaks, tabs outside comments, quoted scalars and block
// scalar text, carriage returns, characters goyaml refuses or reads as
// line breaks, a scalar or flow collection as a document's root, keys that
// do not convert to a string (null, integers beyond int64), non-finite
// floats, and nesting deeper than yfMaxDepth or the configured limit.
//
// Positions follow goyaml: a node starts at its first character (a
// collection at its first key or dash, a quoted scalar at its quote, a
// block scalar at its indicator), an empty sequence entry just after its
// dash; columns count characters. A value's range ends before the start of
// the next entry (the next key or element at its own or an enclosing level,
// or the next document's root), which a single pass learns only when it
// gets there: finished entries wait in a pending list until then.

// yfMaxDepth bounds the fast path's nesting (and recursion); deeper input
// falls back.
const yfMaxDepth = 100

// yfLookahead is how many document markers past the end of the next
// document's root the fast path must have accepted before it hands a
// document over. goyaml decodes a document one ahead, and its scanner looks
// a few tokens further; a document the fast path hands over must be one
// that goyaml hands over too before it meets anything the fast path gave
// up on.
const yfLookahead = 4

// yfMaxKey is the longest key accepted: goyaml refuses simple keys of more
// than 1024 characters.
const yfMaxKey = 1000

// yfKind classifies the next line that is neither blank nor a comment.
type yfKind uint8

const (
	yfContent yfKind = iota
	yfMarker         // a "---" document marker
	yfEOF
)

// yfPending is an entry whose value is complete but whose range waits for
// the line where the next entry starts.
type yfPending struct {
	sm        *SourceMap
	ptr       string
	line, col int
}

// yfDoc is a converted document not yet handed over.
type yfDoc struct {
	doc     Document
	seq     bool // its root is a block sequence
	markers int  // document markers seen when its root ended
}

// yamlFast is the scanner and converter state for one file. The cursor is
// a line: pos is the offset of its first byte, line its 1-based number.
type yamlFast struct {
	src      []byte
	lines    *yamlLines
	maxDepth int
	ascii    bool // src is ASCII: columns are byte offsets

	pos  int
	line int
	// After peek: the kind of the line at pos and, for content, its
	// indentation (-1 otherwise).
	kind   yfKind
	indent int

	sm      *SourceMap
	ptr     pointerBuf
	pending []yfPending
}

// eachYAMLFast converts src (BOM stripped, known to be text, lines its line
// index) like the goyaml path of eachYAML, handing documents to yield as
// that path does. It reports ok=false when src holds anything it does not
// handle; yielded documents were handed over by then, and they are the
// first documents the goyaml path gives. An error is yield's.
func eachYAMLFast(src []byte, lines *yamlLines, maxDepth int, yield func(Document) error) (yielded int, ok bool, err error) {
	s := &yamlFast{src: src, lines: lines, maxDepth: min(maxDepth, yfMaxDepth), line: 1}
	return s.each(yield)
}

// each is eachYAMLFast. When it gives up, the cursor is on (or near) the
// line that made it.
func (s *yamlFast) each(yield func(Document) error) (yielded int, ok bool, err error) {
	if s.ascii, ok = yfCheckText(s.src); !ok {
		return 0, false, nil
	}
	lines := s.lines
	var queue []yfDoc
	markers, total := 0, 0
	rooted := false // the current document has its root
	hand := func(d yfDoc) error {
		d.doc.Range = d.doc.Map.m[""]
		yielded++
		return yield(d.doc)
	}
	for {
		if !s.peek() {
			return yielded, false, nil
		}
		switch s.kind {
		case yfMarker:
			if !s.endLine(s.pos + 3) {
				return yielded, false, nil
			}
			markers++
			rooted = false
			for len(queue) >= 2 && markers >= queue[1].markers+yfLookahead {
				d := queue[0]
				queue[0] = yfDoc{}
				queue = queue[1:]
				if err := hand(d); err != nil {
					return yielded, true, err
				}
			}
		case yfContent:
			if rooted {
				return yielded, false, nil
			}
			at := s.pos + s.indent
			s.sm = &SourceMap{m: make(map[string]Range, s.entryHint())}
			s.ptr.reset()
			line, col := s.line, s.col(at)
			seq := s.isDash(at)
			v, _, _, ok := s.node(at, -1, 0, true)
			if !ok {
				return yielded, false, nil
			}
			s.pending = append(s.pending, yfPending{sm: s.sm, line: line, col: col})
			queue = append(queue, yfDoc{doc: Document{Value: v, Index: total, Map: s.sm}, seq: seq, markers: markers})
			total++
			rooted = true
		case yfEOF:
			s.startEntry(lines.count + 1)
			if total == 1 && queue[0].seq {
				// A single document whose root is a sequence: one document
				// per element, as conftest does.
				d := queue[0]
				d.doc.Range = d.doc.Map.m[""]
				for _, e := range splitArray(d.doc) {
					if err := yield(e); err != nil {
						return yielded, true, err
					}
				}
				return yielded, true, nil
			}
			for _, d := range queue {
				if err := hand(d); err != nil {
					return yielded, true, err
				}
			}
			return yielded, true, nil
		}
	}
}

// entryHint guesses how many source-map entries the document starting at
// the cursor has: about one a line, up to the next document marker.
func (s *yamlFast) entryHint() int {
	doc := s.src[s.pos:]
	if end := bytes.Index(doc, []byte("\n---")); end >= 0 {
		doc = doc[:end]
	}
	return bytes.Count(doc, []byte{'\n'}) + 1
}

// yfCheckText reports whether src holds only characters that goyaml reads
// without complaint and that the fast path handles: no control characters
// but tab and line feed (so no carriage returns), no NEL, LS or PS (goyaml
// breaks lines on them), no byte order mark, no non-characters. ascii
// reports whether src is all ASCII.
func yfCheckText(src []byte) (ascii, ok bool) {
	ascii = true
	for i := 0; i < len(src); {
		c := src[i]
		if c < utf8.RuneSelf {
			if (c < 0x20 && c != '\n' && c != '\t') || c == 0x7F {
				return false, false
			}
			i++
			continue
		}
		ascii = false
		r, n := utf8.DecodeRune(src[i:])
		switch {
		case r == utf8.RuneError && n == 1, r < 0xA0, r == 0x2028, r == 0x2029, r == 0xFEFF, r == 0xFFFE, r == 0xFFFF:
			return false, false
		}
		i += n
	}
	return ascii, true
}

// byteAt is src[i], or 0 at the end of input (src holds no NUL).
func (s *yamlFast) byteAt(i int) byte {
	if i < len(s.src) {
		return s.src[i]
	}
	return 0
}

// blankz reports a space, tab, line break or the end of input at i.
func (s *yamlFast) blankz(i int) bool {
	switch s.byteAt(i) {
	case ' ', '\t', '\n', 0:
		return true
	}
	return false
}

// isDash reports a block sequence entry indicator at i: '-' followed by a
// space or the end of the line.
func (s *yamlFast) isDash(i int) bool {
	if s.byteAt(i) != '-' {
		return false
	}
	c := s.byteAt(i + 1)
	return c == ' ' || c == '\n' || c == 0
}

func (s *yamlFast) skipSpaces(i int) int {
	for i < len(s.src) && s.src[i] == ' ' {
		i++
	}
	return i
}

// col is the 1-based column (in characters) of offset i on the current
// line.
func (s *yamlFast) col(i int) int {
	if s.ascii {
		return i - s.pos + 1
	}
	return utf8.RuneCount(s.src[s.pos:i]) + 1
}

// peek moves the cursor over blank and comment lines to the next line with
// content, a document marker or the end of input, and classifies it. It
// fails on what the fast path does not handle there: a tab in the
// indentation, "..." markers, directives, and lines starting with "---" or
// "..." that are no marker.
func (s *yamlFast) peek() bool {
	src := s.src
	for {
		i := s.skipSpaces(s.pos)
		switch s.byteAt(i) {
		case 0:
			s.pos, s.kind, s.indent = len(src), yfEOF, -1
			return true
		case '\n':
			s.pos, s.line = i+1, s.line+1
			continue
		case '#':
			for i < len(src) && src[i] != '\n' {
				i++
			}
			s.pos = i
			continue
		case '\t':
			return false
		}
		s.indent = i - s.pos
		s.kind = yfContent
		if s.indent == 0 {
			c := src[i]
			if c == '%' {
				return false
			}
			if (c == '-' || c == '.') && s.byteAt(i+1) == c && s.byteAt(i+2) == c {
				if c == '.' || !s.blankz(i+3) {
					return false
				}
				s.kind, s.indent = yfMarker, -1
			}
		}
		return true
	}
}

// endLine checks that nothing but spaces and a comment follow offset i on
// the current line and moves the cursor to the next line. A comment must
// follow a space.
func (s *yamlFast) endLine(i int) bool {
	src := s.src
	i = s.skipSpaces(i)
	if s.byteAt(i) == '#' {
		if i == s.pos || src[i-1] != ' ' {
			return false
		}
		for i < len(src) && src[i] != '\n' {
			i++
		}
	}
	switch s.byteAt(i) {
	case 0:
		s.pos = len(src)
		return true
	case '\n':
		s.pos, s.line = i+1, s.line+1
		return true
	}
	return false
}

// startEntry records that an entry (a key, a sequence element or a
// document root) starts on line: the pending entries end before it.
func (s *yamlFast) startEntry(line int) {
	for _, p := range s.pending {
		p.sm.m[p.ptr] = s.lines.rng(p.line, p.col, line)
	}
	s.pending = s.pending[:0]
}

// finishEntry makes the entry at the current pointer, which started at
// line:col, wait for the start of the next one.
func (s *yamlFast) finishEntry(line, col int) {
	s.pending = append(s.pending, yfPending{sm: s.sm, ptr: string(s.ptr.b), line: line, col: col})
}

// mapping converts a block mapping at column indent (0-based) whose first
// key is at offset at on the current line. Later keys stand at the same
// column on lines of their own; a line indented less ends the mapping.
func (s *yamlFast) mapping(at, indent, depth int) (map[string]any, bool) {
	if depth > s.maxDepth {
		return nil, false
	}
	m := make(map[string]any)
	for {
		key, after, isKey, ok := s.keyAt(at)
		if !ok || !isKey {
			return nil, false
		}
		line, col := s.line, s.col(at)
		s.startEntry(line)
		s.ptr.push(key)
		v, _, _, ok := s.value(after, indent, depth+1, false)
		if !ok {
			return nil, false
		}
		m[key] = v
		s.finishEntry(line, col)
		s.ptr.pop()
		if !s.peek() {
			return nil, false
		}
		if s.indent < indent {
			return m, true
		}
		if s.indent > indent {
			return nil, false
		}
		at = s.pos + indent
	}
}

// sequence converts a block sequence at column indent whose first dash is
// at offset at on the current line. Later dashes stand at the same column.
// An indentless sequence (the value of a key at the same column) also ends
// at a line that is not an entry.
func (s *yamlFast) sequence(at, indent, depth int, indentless bool) ([]any, bool) {
	if depth > s.maxDepth {
		return nil, false
	}
	list := make([]any, 0, 4)
	for {
		s.ptr.pushIndex(len(list))
		// An empty entry is a null just after its dash.
		v, line, col, ok := s.value(at+1, indent, depth+1, true)
		if !ok {
			return nil, false
		}
		list = append(list, v)
		s.finishEntry(line, col)
		s.ptr.pop()
		if !s.peek() {
			return nil, false
		}
		if s.indent < indent {
			return list, true
		}
		if s.indent > indent {
			return nil, false
		}
		at = s.pos + indent
		if !s.isDash(at) {
			return list, indentless
		}
	}
}

// value converts the value after a key's ':' or a sequence entry's '-'
// (offset off is just past the indicator) of a block collection at column
// indent. It returns the value's position (for sequence entries).
//
// A value on the same line is a scalar, a flow collection or a block
// scalar; in a sequence also a compact mapping or sequence. Otherwise the
// value is the node on the next content line when that is indented more
// than the collection (or, for a key, a sequence at the same column), else
// null.
func (s *yamlFast) value(off, indent, depth int, inSeq bool) (v any, line, col int, ok bool) {
	if depth > s.maxDepth {
		return nil, 0, 0, false
	}
	i := s.skipSpaces(off)
	switch s.byteAt(i) {
	case '\t':
		return nil, 0, 0, false
	case '\n', 0, '#':
		line, col = s.line, s.col(off)
		if !s.endLine(i) || !s.peek() {
			return nil, 0, 0, false
		}
		if s.kind == yfContent {
			at := s.pos + s.indent
			if s.indent > indent {
				return s.node(at, indent, depth, true)
			}
			if !inSeq && s.indent == indent && s.isDash(at) {
				line, col = s.line, s.col(at)
				s.startEntry(line)
				v, ok := s.sequence(at, indent, depth, true)
				return v, line, col, ok
			}
		}
		s.startEntry(line)
		return nil, line, col, true
	}
	return s.node(i, indent, depth, inSeq)
}

// node converts the node at offset i on the current line, in a block
// collection at column indent (-1 for a document's root). collections
// says whether a block collection may start here (not after a key's ':' on
// its line).
func (s *yamlFast) node(i, indent, depth int, collections bool) (v any, line, col int, ok bool) {
	line, col = s.line, s.col(i)
	s.startEntry(line)
	switch c := s.src[i]; {
	case s.isDash(i):
		if !collections {
			return nil, 0, 0, false
		}
		v, ok = s.sequence(i, i-s.pos, depth, false)
		return v, line, col, ok
	case indent < 0:
		// A document's root: only block collections are handled.
		v, ok = s.mapping(i, i-s.pos, depth)
		return v, line, col, ok
	case c == '|' || c == '>':
		v, ok = s.blockScalar(i, indent)
		return v, line, col, ok
	case c == '[' || c == '{':
		v, end, ok := s.flow(i, depth)
		return v, line, col, ok && s.endLine(end)
	}
	if collections {
		if _, _, isKey, ok := s.keyAt(i); !ok {
			return nil, 0, 0, false
		} else if isKey {
			v, ok = s.mapping(i, i-s.pos, depth)
			return v, line, col, ok
		}
	}
	switch s.src[i] {
	case '"', '\'':
		str, end, ok := s.quoted(i, indent)
		return str, line, col, ok && s.endLine(end)
	}
	if !s.plainStart(i, false) {
		return nil, 0, 0, false
	}
	text, end, ok := s.plainScalar(i, indent)
	if !ok {
		return nil, 0, 0, false
	}
	v, ok = yfPlain(text)
	return v, line, col, ok && s.endLine(end)
}

// keyAt reads a block mapping key at offset i: a plain or quoted scalar on
// the line, then ':' and a blank. It returns the key as yamlConv converts
// it and the offset past the ':'. isKey is false when there is no key at i;
// ok is false when there is one the fast path does not handle.
func (s *yamlFast) keyAt(i int) (key string, after int, isKey, ok bool) {
	src := s.src
	switch src[i] {
	case '"', '\'':
		str, end, ok := s.quoted(i, -1)
		if !ok {
			// Not a key on one line; maybe a scalar on more.
			return "", 0, false, true
		}
		j := s.skipSpaces(end)
		if s.byteAt(j) != ':' || !s.blankz(j+1) {
			return "", 0, false, true
		}
		if j-i > yfMaxKey {
			return "", 0, false, false
		}
		return str, j + 1, true, true
	}
	if !s.plainStart(i, false) {
		return "", 0, false, true
	}
	j := i
scan:
	for ; j < len(src); j++ {
		switch src[j] {
		case '\n':
			return "", 0, false, true
		case '\t':
			return "", 0, false, false
		case ':':
			if s.blankz(j + 1) {
				break scan
			}
		case ' ':
			if s.byteAt(j+1) == '#' {
				return "", 0, false, true
			}
		}
	}
	if j == len(src) {
		return "", 0, false, true
	}
	end := j
	for end > i && src[end-1] == ' ' {
		end--
	}
	key, ok = yfPlainKey(src[i:end])
	return key, j + 1, ok, ok
}

// yfPlainKey converts a plain scalar key like yamlConv.key. It fails on
// merge keys, null keys, integers beyond int64 and overlong keys.
func yfPlainKey(b []byte) (string, bool) {
	if len(b) > yfMaxKey || string(b) == "<<" {
		return "", false
	}
	return resolveYAML11("", string(b)).key()
}

// yfPlain converts a plain scalar value like yamlConv.plain. It fails on
// infinities and NaN, which yamlConv refuses.
func yfPlain(text string) (any, bool) {
	sc := resolveYAML11("", text)
	if sc.kind == kFloat && (math.IsInf(sc.f, 0) || math.IsNaN(sc.f)) {
		return nil, false
	}
	v, err := sc.json(nil, nil)
	return v, err == nil
}

// plainStart reports whether a plain scalar may start at i: not at an
// indicator, except '-' before a character that is not blank (nor, in a
// flow collection, a flow indicator), and in a block collection '?' and
// ':' before a character that is not blank.
func (s *yamlFast) plainStart(i int, flow bool) bool {
	switch s.byteAt(i) {
	case '-':
		if s.blankz(i + 1) {
			return false
		}
		switch s.byteAt(i + 1) {
		case ',', '[', ']', '{', '}':
			return !flow
		}
		return true
	case '?', ':':
		return !flow && !s.blankz(i+1)
	case ',', '[', ']', '{', '}', '#', '&', '*', '!', '|', '>', '\'', '"', '%', '@', '`',
		' ', '\t', '\n', 0:
		return false
	}
	return true
}

// plainScalar converts a plain scalar in a block collection at column
// indent that starts at i: its first line, then the lines indented more
// than indent that follow, up to a comment, a line indented less or the
// end of input. As goyaml folds them, a single line break between two
// lines becomes a space, n empty lines n line breaks; leading and
// trailing spaces of each line are dropped. It returns the end of the
// text, on the line the cursor is left on.
func (s *yamlFast) plainScalar(i, indent int) (string, int, bool) {
	src := s.src
	end, stop, comment, ok := s.plainLine(i)
	if !ok {
		return "", 0, false
	}
	var b []byte
	for !comment && stop < len(src) {
		// stop is a line break: look for a continuation line.
		p, line, breaks := stop+1, s.line+1, 0
		k := s.skipSpaces(p)
		for k < len(src) && src[k] == '\n' {
			p, line, breaks = k+1, line+1, breaks+1
			k = s.skipSpaces(p)
		}
		if k == len(src) || src[k] == '#' || k-p <= indent {
			break
		}
		if src[k] == '\t' {
			return "", 0, false
		}
		if b == nil {
			b = append(make([]byte, 0, 2*(end-i)), src[i:end]...)
		}
		if breaks == 0 {
			b = append(b, ' ')
		}
		for ; breaks > 0; breaks-- {
			b = append(b, '\n')
		}
		s.pos, s.line = p, line
		start := k
		if end, stop, comment, ok = s.plainLine(start); !ok {
			return "", 0, false
		}
		b = append(b, src[start:end]...)
	}
	if b == nil {
		return string(src[i:end]), end, true
	}
	return string(b), end, true
}

// plainLine scans the part of a plain scalar in a block collection that
// starts at i and lies on i's line. It returns the end of the text
// (trailing spaces dropped) and where the scan stopped: at the line break
// or end of input, or at a comment. It fails on ": " (a mapping where none
// may start) and tabs.
func (s *yamlFast) plainLine(i int) (end, stop int, comment, ok bool) {
	src := s.src
	j := i
loop:
	for ; j < len(src); j++ {
		switch src[j] {
		case '\n':
			break loop
		case '\t':
			return 0, 0, false, false
		case ':':
			if s.blankz(j + 1) {
				return 0, 0, false, false
			}
		case ' ':
			if s.byteAt(j+1) == '#' {
				comment = true
				break loop
			}
		}
	}
	end = j
	for end > i && src[end-1] == ' ' {
		end--
	}
	return end, j, comment, true
}

// quoted converts the single- or double-quoted scalar that opens at i and
// returns the offset past its closing quote. With indent >= 0 (in a block
// collection at that column) it may go on over lines indented more than
// indent, and the cursor moves to the line it closes on; with indent < 0
// it must close on its line.
func (s *yamlFast) quoted(i, indent int) (string, int, bool) {
	src := s.src
	q := src[i]
	// The common case: closed on the line, no escapes.
	for j := i + 1; j < len(src); j++ {
		switch c := src[j]; {
		case c == q && (q == '"' || s.byteAt(j+1) != '\''):
			return string(src[i+1 : j]), j + 1, true
		case c == q, c == '\\' && q == '"', c == '\n':
			return s.unquote(i, indent)
		}
	}
	return "", 0, false
}

// unquote is quoted for scalars with escapes or line breaks. It mirrors
// goyaml's scanner: in single quotes a doubled quote stands for one; in
// double quotes backslash escapes of YAML 1.1 (an escaped line break is
// refused); blanks before a line break and at the start of the next line
// are dropped, and a single line break becomes a space, n empty lines n
// line breaks. Continuation lines must be indented more than indent with
// spaces (goyaml asks less; the fast path gives up there).
func (s *yamlFast) unquote(i, indent int) (string, int, bool) {
	src := s.src
	q := src[i]
	b := make([]byte, 0, 64)
	j := i + 1
	for {
		// Non-blank characters.
		for j < len(src) && src[j] != ' ' && src[j] != '\t' && src[j] != '\n' {
			c := src[j]
			switch {
			case c == '\'' && q == '\'':
				if s.byteAt(j+1) != '\'' {
					return string(b), j + 1, true
				}
				b = append(b, '\'')
				j += 2
				continue
			case c == '"' && q == '"':
				return string(b), j + 1, true
			case c == '\\' && q == '"':
				var ok bool
				if b, j, ok = s.escape(b, j); !ok {
					return "", 0, false
				}
				continue
			}
			b = append(b, c)
			j++
		}
		// Blanks and line breaks.
		ws, folded, breaks := j, false, 0
		for j < len(src) && (src[j] == ' ' || src[j] == '\t' || src[j] == '\n') {
			if src[j] == '\n' {
				if indent < 0 {
					return "", 0, false
				}
				if folded {
					breaks++
				}
				folded = true
				s.pos, s.line = j+1, s.line+1
			}
			j++
		}
		if j == len(src) {
			return "", 0, false
		}
		if !folded {
			b = append(b, src[ws:j]...)
			continue
		}
		if k := s.skipSpaces(s.pos); k != j || k-s.pos <= indent {
			return "", 0, false
		}
		if breaks == 0 {
			b = append(b, ' ')
		}
		for ; breaks > 0; breaks-- {
			b = append(b, '\n')
		}
	}
}

// escape appends the character of the double-quoted scalar escape at j (a
// backslash) to b and returns the offset past the escape.
func (s *yamlFast) escape(b []byte, j int) ([]byte, int, bool) {
	e := s.byteAt(j + 1)
	j += 2
	digits := 0
	switch e {
	case '0':
		b = append(b, 0)
	case 'a':
		b = append(b, '\a')
	case 'b':
		b = append(b, '\b')
	case 't', '\t':
		b = append(b, '\t')
	case 'n':
		b = append(b, '\n')
	case 'v':
		b = append(b, '\v')
	case 'f':
		b = append(b, '\f')
	case 'r':
		b = append(b, '\r')
	case 'e':
		b = append(b, 0x1B)
	case ' ', '"', '\'', '\\':
		b = append(b, e)
	case 'N':
		b = utf8.AppendRune(b, 0x85)
	case '_':
		b = utf8.AppendRune(b, 0xA0)
	case 'L':
		b = utf8.AppendRune(b, 0x2028)
	case 'P':
		b = utf8.AppendRune(b, 0x2029)
	case 'x':
		digits = 2
	case 'u':
		digits = 4
	case 'U':
		digits = 8
	default:
		return nil, 0, false
	}
	if digits == 0 {
		return b, j, true
	}
	r := 0
	for k := 0; k < digits; k++ {
		d := yfHex(s.byteAt(j + k))
		if d < 0 {
			return nil, 0, false
		}
		r = r<<4 | d
	}
	if (r >= 0xD800 && r <= 0xDFFF) || r > 0x10FFFF {
		return nil, 0, false
	}
	return utf8.AppendRune(b, rune(r)), j + digits, true
}

// yfHex is the value of a hexadecimal digit, -1 for another byte.
func yfHex(c byte) int {
	switch {
	case c >= '0' && c <= '9':
		return int(c - '0')
	case c >= 'a' && c <= 'f':
		return int(c-'a') + 10
	case c >= 'A' && c <= 'F':
		return int(c-'A') + 10
	}
	return -1
}

// blockScalar converts the literal ('|') or folded ('>') block scalar whose
// indicator is at i, in a block collection at column indent, and leaves the
// cursor on the line that ends it. It mirrors goyaml's scanner: the text's
// indentation is that of its first non-empty line (at least indent+1);
// lines indented less end it unless empty; in a folded scalar a line break
// between two lines that do not start with a blank becomes a space unless
// empty lines follow it; a trailing line break is kept ('|', '>'), dropped
// ('-') or kept with the empty lines after it ('+'). An indentation
// indicator (a digit before or after the chomping indicator) sets the
// text's indentation to indent plus the digit. Tabs in the indentation and
// leading empty lines indented more than the text are refused.
func (s *yamlFast) blockScalar(i, indent int) (string, bool) {
	src := s.src
	literal := src[i] == '|'
	j := i + 1
	chomp, increment := 0, 0
	for k := 0; k < 2; k++ {
		switch c := s.byteAt(j); {
		case chomp == 0 && (c == '-' || c == '+'):
			chomp = 1
			if c == '-' {
				chomp = -1
			}
			j++
		case increment == 0 && c >= '1' && c <= '9':
			increment = int(c - '0')
			j++
		}
	}
	if c := s.byteAt(j); c >= '0' && c <= '9' || c == '-' || c == '+' {
		return "", false
	}
	if !s.endLine(j) {
		return "", false
	}
	p, line := s.pos, s.line
	blockIndent, col, trailing := 0, 0, 0
	if increment > 0 {
		blockIndent = indent + increment
	}
	leadingBreak, leadingBlank := false, false
	// breaks eats indentation and empty lines, counting the latter, and
	// fixes the text's indentation at the first non-empty line.
	breaks := func() bool {
		maxIndent := 0
		for {
			col = 0
			for (blockIndent == 0 || col < blockIndent) && p < len(src) && src[p] == ' ' {
				p++
				col++
			}
			maxIndent = max(maxIndent, col)
			if (blockIndent == 0 || col < blockIndent) && p < len(src) && src[p] == '\t' {
				return false
			}
			if p < len(src) && src[p] == '\n' {
				p++
				line++
				trailing++
				continue
			}
			break
		}
		if blockIndent == 0 {
			if p < len(src) && col < maxIndent && col > indent {
				// A leading empty line indented more than the text.
				return false
			}
			blockIndent = max(maxIndent, indent+1, 1)
		}
		return true
	}
	if !breaks() {
		return "", false
	}
	var b []byte
	for col == blockIndent && p < len(src) {
		blank := src[p] == ' ' || src[p] == '\t'
		switch {
		case !literal && !leadingBlank && !blank && leadingBreak:
			if trailing == 0 {
				b = append(b, ' ')
			}
		case leadingBreak:
			b = append(b, '\n')
		}
		for ; trailing > 0; trailing-- {
			b = append(b, '\n')
		}
		leadingBlank = blank
		e := p
		for e < len(src) && src[e] != '\n' {
			e++
		}
		b = append(b, src[p:e]...)
		p, leadingBreak = e, false
		if p < len(src) {
			p, line, leadingBreak = p+1, line+1, true
		}
		if !breaks() {
			return "", false
		}
	}
	if chomp != -1 && leadingBreak {
		b = append(b, '\n')
	}
	if chomp == 1 {
		for ; trailing > 0; trailing-- {
			b = append(b, '\n')
		}
	}
	s.pos, s.line = p-col, line
	return string(b), true
}

// flow converts a flow sequence or mapping that opens at i and closes on
// the same line, and returns the offset past its closing bracket. Entries
// are scalars on the line or nested flow collections; keys are followed by
// ": ". Empty entries and trailing commas are refused.
func (s *yamlFast) flow(i, depth int) (any, int, bool) {
	if depth > s.maxDepth {
		return nil, 0, false
	}
	closer := byte(']')
	if s.src[i] == '{' {
		closer = '}'
	}
	seq := closer == ']'
	var list []any
	var m map[string]any
	if seq {
		list = make([]any, 0, 4)
	} else {
		m = make(map[string]any)
	}
	j := s.skipSpaces(i + 1)
	if s.byteAt(j) == closer {
		if seq {
			return list, j + 1, true
		}
		return m, j + 1, true
	}
	for {
		line, col := s.line, s.col(j)
		s.startEntry(line)
		if seq {
			s.ptr.pushIndex(len(list))
			v, end, ok := s.flowItem(j, depth+1)
			if !ok {
				return nil, 0, false
			}
			list = append(list, v)
			j = end
		} else {
			key, after, ok := s.flowKey(j)
			if !ok {
				return nil, 0, false
			}
			s.ptr.push(key)
			v, end, ok := s.flowItem(s.skipSpaces(after), depth+1)
			if !ok {
				return nil, 0, false
			}
			m[key] = v
			j = end
		}
		s.finishEntry(line, col)
		s.ptr.pop()
		j = s.skipSpaces(j)
		switch s.byteAt(j) {
		case ',':
			j = s.skipSpaces(j + 1)
			if c := s.byteAt(j); c == closer || c == ',' {
				return nil, 0, false
			}
		case closer:
			if seq {
				return list, j + 1, true
			}
			return m, j + 1, true
		default:
			return nil, 0, false
		}
	}
}

// flowItem converts a value inside a flow collection at i.
func (s *yamlFast) flowItem(i, depth int) (any, int, bool) {
	if depth > s.maxDepth {
		return nil, 0, false
	}
	switch s.byteAt(i) {
	case '[', '{':
		return s.flow(i, depth)
	case '"', '\'':
		return s.quoted(i, -1)
	}
	if !s.plainStart(i, true) {
		return nil, 0, false
	}
	end, stop, ok := s.plainFlow(i, false)
	if !ok {
		return nil, 0, false
	}
	v, ok := yfPlain(string(s.src[i:end]))
	return v, stop, ok
}

// flowKey reads a key inside a flow mapping at i, which ": " must follow,
// and returns it with the offset past the ':'.
func (s *yamlFast) flowKey(i int) (string, int, bool) {
	var key string
	var stop int
	switch s.byteAt(i) {
	case '"', '\'':
		str, end, ok := s.quoted(i, -1)
		if !ok || end-i > yfMaxKey {
			return "", 0, false
		}
		key, stop = str, end
	default:
		if !s.plainStart(i, true) {
			return "", 0, false
		}
		end, st, ok := s.plainFlow(i, true)
		if !ok {
			return "", 0, false
		}
		if key, ok = yfPlainKey(s.src[i:end]); !ok {
			return "", 0, false
		}
		stop = st
	}
	if s.byteAt(stop) != ':' || s.byteAt(stop+1) != ' ' {
		return "", 0, false
	}
	return key, stop + 1, true
}

// plainFlow scans a plain scalar inside a flow collection at i. It ends at
// ',', ']' or '}' (for a key, at ": ") and returns the end of its text and
// where it stopped. Characters that are indicators in flow context or
// could be ('#', ':', '?', brackets, quotes), tabs and the end of the line
// are refused.
func (s *yamlFast) plainFlow(i int, key bool) (end, stop int, ok bool) {
	src := s.src
	j := i
	for ; j < len(src); j++ {
		switch src[j] {
		case ',', ']', '}':
			goto done
		case ':':
			if key && s.byteAt(j+1) == ' ' {
				goto done
			}
			return 0, 0, false
		case '#', '?', '[', '{', '\'', '"', '\t', '\n':
			return 0, 0, false
		}
	}
	return 0, 0, false
done:
	end = j
	for end > i && src[end-1] == ' ' {
		end--
	}
	return end, j, true
}
