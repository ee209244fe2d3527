package parsers

import (
	"encoding/json"
	"fmt"
	"strconv"
	"unicode/utf16"
	"unicode/utf8"
)

// JSONParser reads JSON files with a position-keeping scanner. Numbers are
// json.Number (exact text); a repeated key keeps its last value, as
// encoding/json does, except in a Terraform JSON configuration (a top-level
// object whose resource, data, module, provider or terraform key holds
// objects), where it is a parse error: Terraform reads {"resource": A, "resource": B} as the
// blocks of both A and B, and keeping B alone would hide A from the rules.
// A file whose top level is an array gives one document per element, as
// conftest evaluates it.
type JSONParser struct {
	Limits Limits
}

// ContentOnly is true: the documents depend on the bytes alone.
func (p *JSONParser) ContentOnly() bool { return true }

// Parse implements Parser. Source map: an object member maps to the range
// from its key to the end of its value, an array element to its own
// range; end columns are exclusive (one past the last character).
//
// A top-level object whose first member is "format_version" is taken for a
// Terraform plan (or another machine-written Terraform document, which can
// be very large): its source map records only paths up to PlanMapDepth
// elements deep; deeper lookups fall back to that ancestor.
func (p *JSONParser) Parse(filename string, src []byte) (docs []Document, err error) {
	return p.parse(filename, src, false)
}

// parse is Parse; plan forces the sparse source map of plans.
func (p *JSONParser) parse(filename string, src []byte, plan bool) (docs []Document, err error) {
	defer guard(filename, &err)
	// A blank file is not JSON: the scanner says so (as conftest).
	src, _, err = textOf(filename, src)
	if err != nil {
		return nil, err
	}
	s := &jsonScanner{src: src, file: filename, maxDepth: p.Limits.depth(), line: 1, sniffPlan: true}
	if plan {
		s.mapDepth = PlanMapDepth
	}
	s.skipSpace()
	if s.i < len(src) && src[s.i] == '[' {
		docs, err = s.topArray()
	} else {
		s.sm = &SourceMap{}
		var v any
		var r Range
		v, r, err = s.value(0)
		if err == nil && s.repeated && isTerraformJSON(v) {
			s.i = s.repeatedAt
			err = s.errorf("repeated key %q in Terraform JSON: Terraform reads each repeated block key as one more block (and refuses a repeated argument), but only the last value would be judged; write the blocks under one key", s.repeatedKey)
		}
		if err == nil {
			s.sm.Set(Path{}, r)
			docs = []Document{{Value: v, Range: r, Map: s.sm}}
		}
	}
	if err != nil {
		return nil, err
	}
	s.skipSpace()
	if s.i < len(src) {
		return nil, s.errorf("invalid character %s after top-level value", s.quoteChar())
	}
	return docs, nil
}

type jsonScanner struct {
	src      []byte
	file     string
	i        int
	line     int
	lineOff  int // offset where the current line starts
	colOff   int // offset up to which colChars counts characters of this line
	colChars int
	maxDepth int
	sm       *SourceMap
	ptr      pointerBuf
	// repeated: an object had a key twice; repeatedAt is the offset of the
	// first such key, repeatedKey the key.
	repeated    bool
	repeatedAt  int
	repeatedKey string
	// mapDepth > 0 records source ranges only for paths of at most that
	// many elements (plans).
	mapDepth int
	// sniffPlan switches to the plan's map depth when the top-level
	// object starts with "format_version".
	sniffPlan bool
}

// record stores r for the current path, unless the path is deeper than the
// map depth.
func (s *jsonScanner) record(r Range) {
	if s.mapDepth == 0 || len(s.ptr.ends) <= s.mapDepth {
		s.sm.setHere(&s.ptr, r)
	}
}

// topArray parses a top-level array, one document per element.
func (s *jsonScanner) topArray() ([]Document, error) {
	s.i++ // '['
	var docs []Document
	s.skipSpace()
	if s.i < len(s.src) && s.src[s.i] == ']' {
		s.i++
		return nil, nil
	}
	for {
		s.skipSpace()
		s.sm = &SourceMap{}
		v, r, err := s.value(1)
		if err != nil {
			return nil, err
		}
		s.sm.Set(Path{}, r)
		docs = append(docs, Document{Value: v, Index: len(docs), Range: r, Map: s.sm})
		s.skipSpace()
		if s.i >= len(s.src) {
			return nil, s.errorf("unexpected end of JSON input: the array is not closed")
		}
		switch s.src[s.i] {
		case ',':
			s.i++
		case ']':
			s.i++
			return docs, nil
		default:
			return nil, s.errorf("invalid character %s after array element", s.quoteChar())
		}
	}
}

func (s *jsonScanner) skipSpace() {
	for s.i < len(s.src) {
		switch s.src[s.i] {
		case ' ', '\t', '\r':
		case '\n':
			s.line++
			s.lineOff = s.i + 1
		default:
			return
		}
		s.i++
	}
}

// pos returns the line and character column of offset off, which must not
// be before any offset asked for earlier on the same line.
func (s *jsonScanner) pos(off int) (int, int) {
	if s.colOff < s.lineOff {
		s.colOff, s.colChars = s.lineOff, 0
	}
	if off > s.colOff {
		seg := s.src[s.colOff:off]
		n := len(seg)
		for _, c := range seg {
			if c >= utf8.RuneSelf {
				n = utf8.RuneCount(seg)
				break
			}
		}
		s.colChars += n
		s.colOff = off
	}
	return s.line, s.colChars + 1 - (s.colOff - off)
}

func (s *jsonScanner) errorf(format string, args ...any) error {
	line, col := s.pos(min(s.i, len(s.src)))
	pe := &ParseError{File: s.file, Line: line, Col: col, Msg: fmt.Sprintf(format, args...)}
	clampErrorPos(s.src, pe)
	return pe
}

func (s *jsonScanner) quoteChar() string {
	if s.i >= len(s.src) {
		return "end of input"
	}
	r, _ := utf8.DecodeRune(s.src[s.i:])
	return strconv.QuoteRune(r)
}

// value parses the value at s.i (after white space) and returns it with
// its range.
func (s *jsonScanner) value(depth int) (any, Range, error) {
	if s.i >= len(s.src) {
		return nil, Range{}, s.errorf("unexpected end of JSON input")
	}
	var r Range
	r.StartLine, r.StartCol = s.pos(s.i)
	var v any
	var err error
	switch c := s.src[s.i]; {
	case c == '{':
		v, err = s.object(depth + 1)
	case c == '[':
		v, err = s.array(depth + 1)
	case c == '"':
		v, err = s.str()
	case c == '-' || (c >= '0' && c <= '9'):
		v, err = s.number()
	case c == 't':
		v, err = s.literal("true", true)
	case c == 'f':
		v, err = s.literal("false", false)
	case c == 'n':
		v, err = s.literal("null", nil)
	default:
		err = s.errorf("invalid character %s looking for beginning of value", s.quoteChar())
	}
	if err != nil {
		return nil, r, err
	}
	r.EndLine, r.EndCol = s.pos(s.i)
	return v, r, nil
}

func (s *jsonScanner) literal(word string, v any) (any, error) {
	if len(s.src)-s.i >= len(word) && string(s.src[s.i:s.i+len(word)]) == word {
		s.i += len(word)
		return v, nil
	}
	return nil, s.errorf("invalid literal: expected %s", word)
}

func (s *jsonScanner) object(depth int) (any, error) {
	if depth > s.maxDepth {
		return nil, s.errorf("nesting deeper than %d levels", s.maxDepth)
	}
	s.i++ // '{'
	m := make(map[string]any)
	s.skipSpace()
	if s.i < len(s.src) && s.src[s.i] == '}' {
		s.i++
		return m, nil
	}
	for {
		s.skipSpace()
		if s.i >= len(s.src) || s.src[s.i] != '"' {
			return nil, s.errorf("invalid character %s looking for beginning of object key string", s.quoteChar())
		}
		var r Range
		keyAt := s.i
		r.StartLine, r.StartCol = s.pos(s.i)
		k, err := s.str()
		if err != nil {
			return nil, err
		}
		if s.sniffPlan && depth == 1 && len(m) == 0 && k == "format_version" {
			s.mapDepth = PlanMapDepth
		}
		s.skipSpace()
		if s.i >= len(s.src) || s.src[s.i] != ':' {
			return nil, s.errorf("invalid character %s after object key", s.quoteChar())
		}
		s.i++
		s.skipSpace()
		s.ptr.push(k)
		v, vr, err := s.value(depth)
		if err != nil {
			return nil, err
		}
		n := len(m)
		m[k] = v
		if len(m) == n && !s.repeated {
			s.repeated, s.repeatedAt, s.repeatedKey = true, keyAt, k
		}
		r.EndLine, r.EndCol = vr.EndLine, vr.EndCol
		s.record(r)
		s.ptr.pop()
		s.skipSpace()
		if s.i >= len(s.src) {
			return nil, s.errorf("unexpected end of JSON input: the object is not closed")
		}
		switch s.src[s.i] {
		case ',':
			s.i++
		case '}':
			s.i++
			return m, nil
		default:
			return nil, s.errorf("invalid character %s after object key:value pair", s.quoteChar())
		}
	}
}

func (s *jsonScanner) array(depth int) (any, error) {
	if depth > s.maxDepth {
		return nil, s.errorf("nesting deeper than %d levels", s.maxDepth)
	}
	s.i++ // '['
	list := []any{}
	s.skipSpace()
	if s.i < len(s.src) && s.src[s.i] == ']' {
		s.i++
		return list, nil
	}
	for {
		s.skipSpace()
		s.ptr.pushIndex(len(list))
		v, r, err := s.value(depth)
		if err != nil {
			return nil, err
		}
		list = append(list, v)
		s.record(r)
		s.ptr.pop()
		s.skipSpace()
		if s.i >= len(s.src) {
			return nil, s.errorf("unexpected end of JSON input: the array is not closed")
		}
		switch s.src[s.i] {
		case ',':
			s.i++
		case ']':
			s.i++
			return list, nil
		default:
			return nil, s.errorf("invalid character %s after array element", s.quoteChar())
		}
	}
}

func (s *jsonScanner) number() (any, error) {
	start := s.i
	src := s.src
	digits := func() int {
		n := 0
		for s.i < len(src) && src[s.i] >= '0' && src[s.i] <= '9' {
			s.i++
			n++
		}
		return n
	}
	if src[s.i] == '-' {
		s.i++
	}
	switch {
	case s.i < len(src) && src[s.i] == '0':
		s.i++
	case digits() == 0:
		return nil, s.errorf("invalid character %s in numeric literal", s.quoteChar())
	}
	if s.i < len(src) && src[s.i] == '.' {
		s.i++
		if digits() == 0 {
			return nil, s.errorf("invalid character %s after decimal point in numeric literal", s.quoteChar())
		}
	}
	if s.i < len(src) && (src[s.i] == 'e' || src[s.i] == 'E') {
		s.i++
		if s.i < len(src) && (src[s.i] == '+' || src[s.i] == '-') {
			s.i++
		}
		if digits() == 0 {
			return nil, s.errorf("invalid character %s in exponent of numeric literal", s.quoteChar())
		}
	}
	return json.Number(src[start:s.i]), nil
}

// str parses a string literal; the input is known to be valid UTF-8.
func (s *jsonScanner) str() (string, error) {
	s.i++ // opening quote
	start := s.i
	src := s.src
	for s.i < len(src) {
		switch c := src[s.i]; {
		case c == '"':
			out := string(src[start:s.i])
			s.i++
			return out, nil
		case c == '\\':
			return s.strEscaped(start)
		case c < 0x20:
			return "", s.errorf("invalid control character %s in string literal", s.quoteChar())
		}
		s.i++
	}
	return "", s.errorf("unexpected end of JSON input: the string is not closed")
}

func (s *jsonScanner) strEscaped(start int) (string, error) {
	src := s.src
	buf := make([]byte, 0, s.i-start+16)
	buf = append(buf, src[start:s.i]...)
	for s.i < len(src) {
		c := src[s.i]
		switch {
		case c == '"':
			s.i++
			return string(buf), nil
		case c < 0x20:
			return "", s.errorf("invalid control character %s in string literal", s.quoteChar())
		case c != '\\':
			buf = append(buf, c)
			s.i++
			continue
		}
		s.i++ // backslash
		if s.i >= len(src) {
			break
		}
		e := src[s.i]
		s.i++
		switch e {
		case '"', '\\', '/':
			buf = append(buf, e)
		case 'b':
			buf = append(buf, '\b')
		case 'f':
			buf = append(buf, '\f')
		case 'n':
			buf = append(buf, '\n')
		case 'r':
			buf = append(buf, '\r')
		case 't':
			buf = append(buf, '\t')
		case 'u':
			r, ok := s.hex4()
			if !ok {
				return "", s.errorf("invalid \\u escape in string literal")
			}
			if utf16.IsSurrogate(r) {
				// A valid pair makes one rune; a lone half becomes U+FFFD
				// (encoding/json's behaviour).
				save := s.i
				if s.i+1 < len(src) && src[s.i] == '\\' && src[s.i+1] == 'u' {
					s.i += 2
					if r2, ok := s.hex4(); ok {
						if dec := utf16.DecodeRune(r, r2); dec != utf8.RuneError {
							buf = utf8.AppendRune(buf, dec)
							continue
						}
					}
				}
				s.i = save
				r = utf8.RuneError
			}
			buf = utf8.AppendRune(buf, r)
		default:
			s.i--
			return "", s.errorf("invalid character %s in string escape code", s.quoteChar())
		}
	}
	return "", s.errorf("unexpected end of JSON input: the string is not closed")
}

func (s *jsonScanner) hex4() (rune, bool) {
	if len(s.src)-s.i < 4 {
		return 0, false
	}
	var r rune
	for _, c := range s.src[s.i : s.i+4] {
		switch {
		case c >= '0' && c <= '9':
			c -= '0'
		case c >= 'a' && c <= 'f':
			c = c - 'a' + 10
		case c >= 'A' && c <= 'F':
			c = c - 'A' + 10
		default:
			return 0, false
		}
		r = r<<4 | rune(c)
	}
	s.i += 4
	return r, true
}

// terraformBlockKeys are the top-level keys of a Terraform JSON
// configuration whose blocks the rules judge.
var terraformBlockKeys = []string{"data", "module", "provider", "resource", "terraform"}

// isTerraformJSON reports whether v, a file's top-level value, is shaped
// like a Terraform JSON configuration: one of terraformBlockKeys holds
// blocks by label (an object of objects, or HCL's array form of them), or
// none (empty): a value Terraform accepts, as the last of repeated keys
// must be for the file to deploy.
func isTerraformJSON(v any) bool {
	m, ok := v.(map[string]any)
	if !ok {
		return false
	}
	for _, k := range terraformBlockKeys {
		switch b := m[k].(type) {
		case map[string]any:
			if k == "terraform" || len(b) == 0 || blocksByLabel(b) {
				return true
			}
		case []any:
			// HCL's array form: objects of blocks by type, not records
			// ({"data": [{"id": 1}]} is an API response).
			if len(b) == 0 || blocksByLabel(b[0]) || isEmptyObject(b[0]) {
				return true
			}
		}
	}
	return false
}

func isEmptyObject(v any) bool {
	m, ok := v.(map[string]any)
	return ok && len(m) == 0
}

// blocksByLabel reports whether v is a non-empty object whose values are
// all objects or arrays.
func blocksByLabel(v any) bool {
	m, ok := v.(map[string]any)
	if !ok || len(m) == 0 {
		return false
	}
	for _, x := range m {
		switch x.(type) {
		case map[string]any, []any:
		default:
			return false
		}
	}
	return true
}
