package parsers

import (
	"fmt"
	"sort"
	"strings"
	"unicode/utf8"
)

// PropertiesParser reads Java .properties files into conftest's shape: one
// document, an object of the keys' string values as written (${key}
// references are not expanded). It reads them as
// github.com/magiconair/properties (conftest's reader) does with UTF-8
// input, rule for rule: # and ! start comment lines; a key ends at an
// unescaped blank, = or :, and one = or : with blanks around it separates
// it from its value; a value runs to the end of the line, its trailing
// blanks kept, and a final backslash continues it on the next line (whose
// leading blanks are dropped); \t \n \r \f \uXXXX are escapes, a backslash
// before any other character is dropped; a key alone has the value ""; a
// repeated key keeps its last value.
//
// As conftest's reader, it refuses a value whose ${...} reference is not
// closed, references that go round in a circle, and chains of references
// more than 64 deep. Unlike it, a reference to a key the file does not
// have is empty, never a variable of the environment, and the check walks
// the references once (conftest's expands them, which takes exponential
// time on a file whose values each refer twice to the next).
type PropertiesParser struct {
	Limits Limits
}

// ContentOnly is true: the documents depend on the bytes alone.
func (p *PropertiesParser) ContentOnly() bool { return true }

// propertiesMaxChain is the longest chain of ${...} references.
const propertiesMaxChain = 64

// Parse implements Parser. Source map: a key maps from its first
// character to the end of its value (a continued value's lines). A blank
// file is {}, as for conftest.
func (p *PropertiesParser) Parse(filename string, src []byte) (docs []Document, err error) {
	defer guard(filename, &err)
	src, _, err = textOf(filename, src)
	if err != nil {
		return nil, err
	}
	l := &propLexer{in: string(src), lines: newLineIndex(src)}
	values := map[string]string{}
	places := map[string]Range{}
	for {
		key, value, start, end, ok, perr := l.next()
		if perr != nil {
			perr.File = filename
			return nil, perr
		}
		if !ok {
			break
		}
		values[key] = value
		places[key] = l.rng(start, end)
	}
	if key, msg := propertiesCheck(values); msg != "" {
		r := places[key]
		return nil, &ParseError{File: filename, Line: r.StartLine, Col: r.StartCol, Msg: msg}
	}
	whole := Range{StartLine: 1, EndLine: lineCount(src)}
	sm := &SourceMap{}
	sm.Set(Path{}, whole)
	value := make(map[string]any, len(values))
	for k, v := range values {
		value[k] = v
		sm.Set(Path{k}, places[k])
	}
	return []Document{{Value: value, Range: whole, Map: sm}}, nil
}

// propLexer reads a properties file one key and value at a time.
type propLexer struct {
	in    string
	pos   int
	lines *lineIndex
}

const propBlank = " \f\t"

func (l *propLexer) peek() (rune, int) {
	if l.pos >= len(l.in) {
		return -1, 0
	}
	return utf8.DecodeRuneInString(l.in[l.pos:])
}

func (l *propLexer) read() rune {
	r, n := l.peek()
	l.pos += n
	return r
}

func (l *propLexer) skip(set string) {
	for {
		r, n := l.peek()
		if r < 0 || !strings.ContainsRune(set, r) {
			return
		}
		l.pos += n
	}
}

func (l *propLexer) errAt(off int, msg string) *ParseError {
	r := l.rng(off, off)
	return &ParseError{Line: r.StartLine, Col: r.StartCol, Msg: msg}
}

// rng is the range of bytes [start, end) (lines counted on '\n').
func (l *propLexer) rng(start, end int) Range {
	sl, sc := l.lines.pos(start)
	el, ec := l.lines.pos(end)
	if end > start && l.in[end-1] == '\n' {
		// A key with an escaped line break at the end of the file:
		// end on the line the break ends.
		el, ec = l.lines.pos(end - 1)
		ec++
	}
	return Range{StartLine: sl, StartCol: sc, EndLine: el, EndCol: ec}
}

// next returns the next key and value and where they are; ok is false at
// the end of the file.
func (l *propLexer) next() (key, value string, start, end int, ok bool, err *ParseError) {
	// Before a key: blank lines, blanks and comment lines.
	for {
		r, n := l.peek()
		switch {
		case r < 0:
			return "", "", 0, 0, false, nil
		case r == '\n' || r == '\r' || strings.ContainsRune(propBlank, r):
			l.pos += n
			continue
		case r == '#' || r == '!':
			for r >= 0 && r != '\n' && r != '\r' {
				l.pos += n
				r, n = l.peek()
			}
			continue
		}
		break
	}
	start = l.pos
	var b strings.Builder
	for {
		r, n := l.peek()
		if r < 0 || strings.ContainsRune(" \f\t\r\n:=", r) {
			break
		}
		l.pos += n
		if r == '\\' {
			if err := l.escape(&b); err != nil {
				return "", "", 0, 0, false, err
			}
			continue
		}
		b.WriteRune(r)
	}
	key = b.String()
	if key != "" && l.pos >= len(l.in) {
		return key, "", start, l.pos, true, nil
	}
	l.skip(propBlank)
	if r, n := l.peek(); r == ':' || r == '=' {
		l.pos += n
	}
	l.skip(propBlank)
	v := l.value()
	if v.err != nil {
		return "", "", 0, 0, false, v.err
	}
	if key == "" {
		// A line that starts with = or :.
		return "", "", 0, 0, false, l.errAt(start, fmt.Sprintf("a value without a key: %s", propQuote(v.text)))
	}
	return key, v.text, start, v.end, true, nil
}

type propValue struct {
	text string
	end  int
	err  *ParseError
}

// value reads a value up to the end of its (last) line.
func (l *propLexer) value() propValue {
	var b strings.Builder
	end := l.pos
	for {
		r, n := l.peek()
		if r < 0 || r == '\n' || r == '\r' {
			end = l.pos
			l.pos += n
			return propValue{text: b.String(), end: end}
		}
		l.pos += n
		if r != '\\' {
			b.WriteRune(r)
			continue
		}
		if r2, n2 := l.peek(); r2 == '\n' || r2 == '\r' {
			// A continuation: one line break (of a CRLF, the CR:
			// the LF then ends the value, as in conftest's reader),
			// then the next line's leading blanks.
			l.pos += n2
			l.skip(propBlank)
			continue
		}
		if err := l.escape(&b); err != nil {
			return propValue{err: err}
		}
	}
}

// escape reads what follows a backslash.
func (l *propLexer) escape(b *strings.Builder) *ParseError {
	at := l.pos - 1
	r := l.read()
	switch r {
	case -1:
		return l.errAt(at, "premature EOF: a backslash ends the file")
	case 'f':
		b.WriteByte('\f')
	case 'n':
		b.WriteByte('\n')
	case 'r':
		b.WriteByte('\r')
	case 't':
		b.WriteByte('\t')
	case 'u':
		var c rune
		for range 4 {
			d := l.read()
			var v rune
			switch {
			case d >= '0' && d <= '9':
				v = d - '0'
			case d >= 'a' && d <= 'f':
				v = d - 'a' + 10
			case d >= 'A' && d <= 'F':
				v = d - 'A' + 10
			default:
				return l.errAt(at, "invalid unicode literal: \\u needs four hex digits")
			}
			c = c<<4 | v
		}
		b.WriteRune(c)
	default:
		b.WriteRune(r)
	}
	return nil
}

// propQuote renders a value for a message as conftest's reader does:
// quoted, at most ten characters.
func propQuote(s string) string {
	if utf8.RuneCountInString(s) > 10 {
		return fmt.Sprintf("%.10q...", s)
	}
	return fmt.Sprintf("%q", s)
}

// propertiesCheck finds what conftest's reader refuses in the values'
// ${...} references: one not closed, a circle, a chain more than
// propertiesMaxChain keys deep. It returns the key whose value shows it
// (the first such key by name, for a stable message) and the message.
func propertiesCheck(values map[string]string) (string, string) {
	keys := make([]string, 0, len(values))
	for k := range values {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	refs := make(map[string][]string, len(values))
	for _, k := range keys {
		rs, ok := propertiesRefs(values[k])
		if !ok {
			return k, fmt.Sprintf("malformed expression: a ${ in the value of %s is not closed with }", k)
		}
		refs[k] = rs
	}
	// height is the length of the longest chain of references from a
	// key (1 for a key that refers to none); 0 while being computed.
	height := map[string]int{}
	var path []string
	var visit func(k string) (int, string)
	visit = func(k string) (int, string) {
		if h, ok := height[k]; ok {
			if h == 0 {
				i := len(path) - 1
				for i > 0 && path[i] != k {
					i--
				}
				return 0, fmt.Sprintf("circular reference: %s", strings.Join(append(path[i:], k), " -> "))
			}
			return h, ""
		}
		if len(path) >= propertiesMaxChain {
			return 0, fmt.Sprintf("expansion too deep: a chain of ${...} references is more than %d keys long", propertiesMaxChain)
		}
		height[k] = 0
		path = append(path, k)
		h := 1
		for _, r := range refs[k] {
			rh, msg := visit(r)
			if msg != "" {
				return 0, msg
			}
			h = max(h, rh+1)
		}
		path = path[:len(path)-1]
		height[k] = h
		return h, ""
	}
	for _, k := range keys {
		h, msg := visit(k)
		if msg != "" {
			return k, msg
		}
		if h > propertiesMaxChain {
			return k, fmt.Sprintf("expansion too deep: a chain of ${...} references is more than %d keys long", propertiesMaxChain)
		}
	}
	return "", ""
}

// propertiesRefs lists the keys a value refers to with ${key}; ok is false
// for a ${ without a } after it.
func propertiesRefs(s string) (refs []string, ok bool) {
	for {
		i := strings.Index(s, "${")
		if i < 0 {
			return refs, true
		}
		s = s[i+2:]
		j := strings.Index(s, "}")
		if j < 0 {
			return nil, false
		}
		refs = append(refs, s[:j])
		s = s[j+1:]
	}
}
