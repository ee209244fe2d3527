package parsers

import (
	"bytes"
	"errors"
	"fmt"
	"math"
	"sort"
	"time"

	"github.com/BurntSushi/toml"
	"github.com/pelletier/go-toml/v2/unstable"
)

// TOMLParser reads TOML files into conftest's shape: one document, the
// file's top-level table as an object. The values are those of
// github.com/BurntSushi/toml, the library conftest decodes TOML with:
// integers and floats are numbers, and every date and time is a string
// in RFC 3339 form as conftest's JSON encoding writes it, a local one
// read as UTC ("1979-05-27T07:32:00Z"; a local date at midnight, a local
// time on 0000-01-01). inf and nan, which JSON cannot hold, are an error
// (conftest hands them on, and a policy sees an invalid number).
type TOMLParser struct {
	Limits Limits
}

// ContentOnly is true: the documents depend on the bytes alone.
func (p *TOMLParser) ContentOnly() bool { return true }

// Parse implements Parser. Source map: a key/value maps to the range from
// its key to the end of its value (a dotted key's implicit tables to the
// first line that makes them), an array element to its own range, a
// [table] or [[array table]] element from its header to the end of its
// last key/value, an array of tables from its first header. A blank file
// is an empty table, as for conftest.
func (p *TOMLParser) Parse(filename string, src []byte) (docs []Document, err error) {
	defer guard(filename, &err)
	src, _, err = textOf(filename, src)
	if err != nil {
		return nil, err
	}
	// The parsers recurse on nesting: refuse what would exhaust the stack.
	if line, deep := tomlTooDeep(src, p.Limits.depth()); deep {
		return nil, &ParseError{File: filename, Line: line, Msg: fmt.Sprintf("arrays or inline tables nested more than %d deep", p.Limits.depth())}
	}
	var raw map[string]any
	if _, err := toml.NewDecoder(bytes.NewReader(src)).Decode(&raw); err != nil {
		return nil, tomlError(filename, src, err)
	}
	whole := Range{StartLine: 1, EndLine: lineCount(src)}
	sm := tomlSourceMap(src)
	sm.Set(Path{}, whole)
	var bad Path
	value := tomlValue(raw, Path{}, &bad)
	if bad != nil {
		r, _ := sm.Lookup(bad)
		return nil, &ParseError{File: filename, Line: r.StartLine, Col: r.StartCol,
			Msg: fmt.Sprintf("%s is inf or nan, a number JSON (and so a policy's input) cannot hold", tomlKeyName(bad))}
	}
	return []Document{{Value: value, Range: whole, Map: sm}}, nil
}

// tomlKeyName renders a data path for a message: a.b[0].c.
func tomlKeyName(p Path) string {
	var b bytes.Buffer
	for i, k := range p {
		if isIndexElem(k) {
			fmt.Fprintf(&b, "[%s]", k)
			continue
		}
		if i > 0 {
			b.WriteByte('.')
		}
		b.WriteString(k)
	}
	return b.String()
}

// isIndexElem reports whether a path element is an array index.
func isIndexElem(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// tomlError converts the decoder's error to a ParseError on its line.
func tomlError(filename string, src []byte, err error) *ParseError {
	pe := &ParseError{File: filename, Msg: err.Error()}
	var te toml.ParseError
	if errors.As(err, &te) {
		pe.Msg = te.Message
		pe.Line = te.Position.Line
		if s := te.Position.Start; s >= 0 && s <= len(src) {
			if line, col := offsetPos(src, s); line == pe.Line {
				pe.Col = col
			}
		}
	}
	pe.Line = min(max(pe.Line, 1), lineCount(src))
	clampErrorPos(src, pe)
	return pe
}

// tomlValue converts a decoded TOML value to the JSON-compatible value a
// policy sees; bad is set to the path of the first inf or nan.
func tomlValue(v any, p Path, bad *Path) any {
	switch x := v.(type) {
	case map[string]any:
		out := make(map[string]any, len(x))
		keys := make([]string, 0, len(x))
		for k := range x {
			keys = append(keys, k)
		}
		sort.Strings(keys) // the first bad value is always the same one
		for _, k := range keys {
			out[k] = tomlValue(x[k], p.Child(k), bad)
		}
		return out
	case []map[string]any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = tomlValue(e, p.Index(i), bad)
		}
		return out
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = tomlValue(e, p.Index(i), bad)
		}
		return out
	case float64:
		if (math.IsInf(x, 0) || math.IsNaN(x)) && *bad == nil {
			*bad = p
		}
		return x
	case time.Time:
		// As encoding/json writes a time.Time: a local date-time (whose
		// zone has offset 0) gets a Z.
		return x.Format(time.RFC3339Nano)
	}
	return v
}

// tomlTooDeep reports the line where arrays and inline tables nest more
// than limit deep, counting brackets outside strings and comments.
func tomlTooDeep(src []byte, limit int) (line int, deep bool) {
	depth := 0
	line = 1
	for i := 0; i < len(src); i++ {
		switch c := src[i]; c {
		case '\n':
			line++
		case '#':
			for i+1 < len(src) && src[i+1] != '\n' {
				i++
			}
		case '"', '\'':
			n := 1
			if bytes.HasPrefix(src[i:], []byte{c, c, c}) {
				n = 3
			}
			j := i + n
			for j < len(src) {
				if src[j] == '\\' && c == '"' {
					if j+1 < len(src) && src[j+1] == '\n' {
						line++
					}
					j += 2
					continue
				}
				if src[j] == '\n' {
					if n == 1 {
						break // an unclosed string: the parser says so
					}
					line++
				}
				if src[j] == c && (n == 1 || bytes.HasPrefix(src[j:], []byte{c, c, c})) {
					j += n
					break
				}
				j++
			}
			i = min(j, len(src)) - 1
		case '[', '{':
			depth++
			if depth > limit {
				return line, true
			}
		case ']', '}':
			depth = max(depth-1, 0)
		}
	}
	return 0, false
}

// tomlMapper builds a TOML file's source map from the node ranges of
// go-toml's parser (the decoder keeps no positions). Both parsers read
// TOML 1.0; should go-toml refuse what the decoder took, the map keeps
// what was found before that point.
type tomlMapper struct {
	src   []byte
	lines *lineIndex
	sm    *SourceMap
	// arrays counts the elements of each array of tables so far, by the
	// pointer of its resolved path.
	arrays map[string]int
	// table is the path of the current [table] or [[array]] element, and
	// open the paths whose range ends with its last key/value.
	open []Path
	// body is the end offset of the current table's last key/value.
	body int
}

func tomlSourceMap(src []byte) *SourceMap {
	m := &tomlMapper{src: src, lines: newLineIndex(src), sm: &SourceMap{}, arrays: map[string]int{}}
	var p unstable.Parser
	p.Reset(src)
	var table Path
	for p.NextExpression() {
		e := p.Expression()
		switch e.Kind {
		case unstable.KeyValue:
			end := m.keyValue(e, table)
			m.body = max(m.body, end)
		case unstable.Table, unstable.ArrayTable:
			m.closeTable()
			table = m.header(e)
		}
	}
	m.closeTable()
	return m.sm
}

// pos converts a byte offset to a line and a character column.
func (m *tomlMapper) pos(off int) (line, col int) { return m.lines.pos(off) }

// rng is the range of bytes [start, end).
func (m *tomlMapper) rng(start, end int) Range {
	sl, sc := m.pos(start)
	el, ec := m.pos(max(end, start))
	return Range{StartLine: sl, StartCol: sc, EndLine: el, EndCol: ec}
}

// setOnce records r for p unless p has a range.
func (m *tomlMapper) setOnce(p Path, r Range) {
	if _, ok := m.sm.Exact(p); !ok {
		m.sm.Set(p, r)
	}
}

// closeTable extends the open tables' ranges to their last key/value.
func (m *tomlMapper) closeTable() {
	for _, p := range m.open {
		if r, ok := m.sm.Exact(p); ok && m.body > 0 {
			e := m.rng(m.body, m.body)
			if e.StartLine > r.EndLine || e.StartLine == r.EndLine && e.StartCol > r.EndCol {
				r.EndLine, r.EndCol = e.StartLine, e.StartCol
				m.sm.Set(p, r)
			}
		}
	}
	m.open, m.body = nil, 0
}

// keys returns the names and the byte span of a node's (dotted) key.
func (m *tomlMapper) keys(n *unstable.Node) (names []string, start, end int) {
	start = -1
	for it := n.Key(); it.Next(); {
		k := it.Node()
		names = append(names, string(k.Data))
		if start < 0 {
			start = int(k.Raw.Offset)
		}
		end = int(k.Raw.Offset + k.Raw.Length)
	}
	return names, max(start, 0), end
}

// resolve turns a header's dotted key into a data path: a key naming an
// array of tables goes to its last element.
func (m *tomlMapper) resolve(names []string) Path {
	p := Path{}
	for _, k := range names {
		p = p.Child(k)
		if n := m.arrays[p.String()]; n > 0 {
			p = p.Index(n - 1)
		}
	}
	return p
}

// header records a [table] or [[array table]] header and returns the path
// of the table it opens.
func (m *tomlMapper) header(e *unstable.Node) Path {
	names, start, end := m.keys(e)
	if len(names) == 0 {
		return Path{}
	}
	// The brackets around the key: [a.b] or [[a.b]].
	need := 1
	if e.Kind == unstable.ArrayTable {
		need = 2
	}
	for open := need; start > 0 && open > 0; start-- {
		if c := m.src[start-1]; c == '[' {
			open--
		} else if c != ' ' && c != '\t' {
			break
		}
	}
	for end < len(m.src) && need > 0 {
		if c := m.src[end]; c == ']' {
			need--
		} else if c != ' ' && c != '\t' {
			break
		}
		end++
	}
	r := m.rng(start, end)
	parent := m.resolve(names[:len(names)-1])
	for i := range parent {
		m.setOnce(parent[:i+1], r)
	}
	p := parent.Child(names[len(names)-1])
	if e.Kind == unstable.ArrayTable {
		n := m.arrays[p.String()] + 1
		m.arrays[p.String()] = n
		m.setOnce(p, r)
		m.open = append(m.open, p)
		p = p.Index(n - 1)
	}
	m.sm.Set(p, r)
	m.open = append(m.open, p)
	m.body = end
	return p
}

// keyValue records a key/value under table (and what its value holds)
// and returns the offset where it ends.
func (m *tomlMapper) keyValue(e *unstable.Node, table Path) int {
	names, start, end := m.keys(e)
	// The value follows the key, blanks and '='.
	at := m.skip(end, " \t")
	if at < len(m.src) && m.src[at] == '=' {
		at = m.skip(at+1, " \t")
	}
	p := table
	for _, k := range names {
		p = p.Child(k)
	}
	vend := m.value(e.Value(), at, p)
	r := m.rng(start, vend)
	for i := len(table) + 1; i < len(p); i++ {
		m.setOnce(p[:i], r)
	}
	m.sm.Set(p, r)
	return vend
}

// value records the elements of an array or inline table that starts at
// offset at and returns the offset where the value ends.
func (m *tomlMapper) value(n *unstable.Node, at int, p Path) int {
	switch n.Kind {
	case unstable.Array:
		cur := at + 1
		i := 0
		for it := n.Children(); it.Next(); i++ {
			s := m.fill(cur)
			e := m.value(it.Node(), s, p.Index(i))
			m.sm.Set(p.Index(i), m.rng(s, e))
			cur = e
		}
		return m.closer(cur, ']')
	case unstable.InlineTable:
		cur := at + 1
		for it := n.Children(); it.Next(); {
			if kv := it.Node(); kv.Kind == unstable.KeyValue {
				cur = m.keyValue(kv, p)
			}
		}
		return m.closer(cur, '}')
	}
	if n.Raw.Length > 0 {
		return int(n.Raw.Offset + n.Raw.Length)
	}
	// Booleans and dates: their data is their text.
	return min(at+len(n.Data), len(m.src))
}

// closer returns the offset after the bracket c that closes a value whose
// last element ends at cur.
func (m *tomlMapper) closer(cur int, c byte) int {
	i := m.fill(cur)
	if i < len(m.src) && m.src[i] == c {
		return i + 1
	}
	return min(cur, len(m.src))
}

// skip returns the first offset from i of a byte not in set.
func (m *tomlMapper) skip(i int, set string) int {
	for i < len(m.src) && bytes.IndexByte([]byte(set), m.src[i]) >= 0 {
		i++
	}
	return i
}

// fill skips what may stand between the elements of an array: blanks,
// line breaks, commas and comments.
func (m *tomlMapper) fill(i int) int {
	for i < len(m.src) {
		switch m.src[i] {
		case ' ', '\t', '\r', '\n', ',':
			i++
		case '#':
			for i < len(m.src) && m.src[i] != '\n' {
				i++
			}
		default:
			return i
		}
	}
	return i
}
