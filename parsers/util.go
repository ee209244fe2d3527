package parsers

import (
	"bytes"
	"fmt"
	"strconv"
	"unicode/utf8"
)

// Limits bounds the work a parser does on hostile input. Zero fields take
// the defaults below.
type Limits struct {
	// MaxDepth is the deepest nesting of values (objects, arrays, blocks)
	// a file may have. Default DefaultMaxDepth.
	MaxDepth int
	// MaxAliasNodes caps the values a YAML file may produce through alias
	// expansion (the "billion laughs" attack). Default DefaultMaxAliasNodes.
	MaxAliasNodes int
}

// Default limits.
const (
	DefaultMaxDepth      = 1000
	DefaultMaxAliasNodes = 1_000_000
)

func (l Limits) depth() int {
	if l.MaxDepth > 0 {
		return l.MaxDepth
	}
	return DefaultMaxDepth
}

func (l Limits) aliasNodes() int {
	if l.MaxAliasNodes > 0 {
		return l.MaxAliasNodes
	}
	return DefaultMaxAliasNodes
}

var utf8BOM = []byte{0xEF, 0xBB, 0xBF}

// stripBOM removes a leading UTF-8 byte order mark. Positions stay right:
// the mark is invisible, so columns on line 1 count from after it.
func stripBOM(src []byte) []byte { return bytes.TrimPrefix(src, utf8BOM) }

// isBlank reports whether src holds only whitespace.
func isBlank(src []byte) bool {
	for _, c := range src {
		switch c {
		case ' ', '\t', '\r', '\n':
		default:
			return false
		}
	}
	return true
}

// textOf prepares a file for a text format's parser: without its byte
// order mark and checked to be text (checkText). blank reports a file with
// nothing but whitespace: YAML has no documents in it, Terraform an empty
// body, and JSON and Dockerfiles find nothing they need (a parse error).
func textOf(filename string, src []byte) (text []byte, blank bool, err error) {
	src = stripBOM(src)
	if isBlank(src) {
		return src, true, nil
	}
	if err := checkText(filename, src); err != nil {
		return nil, false, err
	}
	return src, false, nil
}

// checkText rejects input that is not text: invalid UTF-8 or a NUL byte.
// The error points at the first offending byte.
func checkText(filename string, src []byte) error {
	if nul := bytes.IndexByte(src, 0); nul >= 0 {
		line, col := offsetPos(src, nul)
		return &ParseError{File: filename, Line: line, Col: col, Msg: "NUL byte: this is not a text file"}
	}
	if utf8.Valid(src) {
		return nil
	}
	for i := 0; i < len(src); {
		r, n := utf8.DecodeRune(src[i:])
		if r == utf8.RuneError && n <= 1 {
			line, col := offsetPos(src, i)
			return &ParseError{File: filename, Line: line, Col: col,
				Msg: fmt.Sprintf("invalid UTF-8 byte 0x%02x: the file must be UTF-8 text", src[i])}
		}
		i += n
	}
	return nil
}

// offsetPos converts a byte offset to a 1-based line and character column,
// counting lines on '\n'.
func offsetPos(src []byte, off int) (line, col int) {
	if off > len(src) {
		off = len(src)
	}
	before := src[:off]
	line = bytes.Count(before, []byte{'\n'}) + 1
	start := bytes.LastIndexByte(before, '\n') + 1
	return line, utf8.RuneCount(before[start:]) + 1
}

// lineCount is the number of lines of src counting on '\n'; a final line
// break does not start a new line. It is at least 1.
func lineCount(src []byte) int {
	n := bytes.Count(src, []byte{'\n'}) + 1
	if len(src) > 0 && src[len(src)-1] == '\n' {
		n--
	}
	return max(n, 1)
}

// clampRange keeps r within lines [1, last] and makes it well formed.
func clampRange(r Range, last int) Range {
	if r.StartLine < 1 {
		r.StartLine, r.StartCol = 1, 0
	}
	if r.StartLine > last {
		r.StartLine, r.StartCol = last, 0
	}
	if r.EndLine > last {
		r.EndLine, r.EndCol = last, 0
	}
	if r.EndLine < r.StartLine {
		r.EndLine, r.EndCol = r.StartLine, 0
	}
	return r
}

// guard turns a panic inside a third-party parser into a ParseError, so
// that one hostile file cannot take the whole run down. It is a safety net:
// the parsers are written not to panic.
func guard(filename string, err *error) {
	if r := recover(); r != nil {
		*err = &ParseError{File: filename, Msg: fmt.Sprintf("internal parser error (please report): %v", r)}
	}
}

// clampErrorPos moves an error that points at the end of input (after a
// final line break) to the end of the file's last line with content, where
// what is missing belongs: trailing blank lines do not count, so the line
// and column are those of one line.
func clampErrorPos(src []byte, pe *ParseError) {
	if pe.Line <= lineCount(src) {
		return
	}
	body := bytes.TrimRight(src, "\r\n")
	start := bytes.LastIndexByte(body, '\n') + 1
	pe.Line, pe.Col = lineCount(body), utf8.RuneCount(body[start:])+1
}

// pointerBuf builds the JSON pointer of the current path incrementally, so
// that recording a range costs one string per value.
type pointerBuf struct {
	b    []byte
	ends []int
}

func (p *pointerBuf) push(elem string) {
	p.ends = append(p.ends, len(p.b))
	p.b = append(p.b, '/')
	for i := 0; i < len(elem); i++ {
		switch c := elem[i]; c {
		case '~':
			p.b = append(p.b, '~', '0')
		case '/':
			p.b = append(p.b, '~', '1')
		default:
			p.b = append(p.b, c)
		}
	}
}

func (p *pointerBuf) pushIndex(i int) {
	p.ends = append(p.ends, len(p.b))
	p.b = append(p.b, '/')
	p.b = strconv.AppendInt(p.b, int64(i), 10)
}

func (p *pointerBuf) pop() {
	n := len(p.ends) - 1
	p.b = p.b[:p.ends[n]]
	p.ends = p.ends[:n]
}

func (p *pointerBuf) reset() {
	p.b = p.b[:0]
	p.ends = p.ends[:0]
}

// setHere records r for the pointer in p (same result as Set with the
// equivalent Path).
func (s *SourceMap) setHere(p *pointerBuf, r Range) {
	if s.m == nil {
		s.m = make(map[string]Range)
	}
	s.m[string(p.b)] = r
}

// hasHere reports whether a range is recorded for the pointer in p.
func (s *SourceMap) hasHere(p *pointerBuf) bool {
	_, ok := s.m[string(p.b)]
	return ok
}
