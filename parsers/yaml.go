package parsers

import (
	"bytes"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	yaml2 "go.yaml.in/yaml/v2"
	yaml "go.yaml.in/yaml/v3"
)

// YAMLParser reads YAML files with Kubernetes' semantics: the values are
// those sigs.k8s.io/yaml (and so conftest and kubectl) gives, which follow
// YAML 1.1 (yes/no/on/off are booleans, also as keys; 0755 is 493; numbers
// are float64; non-string keys become strings). Unlike conftest it decodes
// real YAML documents from a node tree, so a "--- # comment" separator
// drops nothing, and every value has a position.
//
// As in sigs.k8s.io/yaml, a repeated key keeps its last value, and a
// value JSON cannot hold (.inf, .nan) is an error.
type YAMLParser struct {
	Limits Limits
}

// ContentOnly is true: the documents depend on the bytes alone.
func (p *YAMLParser) ContentOnly() bool { return true }

// Parse implements Parser: one Document per non-empty YAML document, Index
// its position among them and Range its own lines. As conftest does, a
// file holding a single document whose top level is a sequence gives one
// document per element.
//
// Source map: a mapping entry maps to the range from its key to the end of
// its value, a sequence element to its own range. End lines skip trailing
// blank and comment lines; end columns are not recorded.
func (p *YAMLParser) Parse(filename string, src []byte) (docs []Document, err error) {
	return parseYAML(filename, src, p.options())
}

// ParseEach implements Streamer: the documents of Parse, one at a time.
func (p *YAMLParser) ParseEach(filename string, src []byte, yield func(Document) error) error {
	return eachYAML(filename, src, p.options(), yield)
}

func (p *YAMLParser) options() yamlOptions {
	return yamlOptions{limits: p.Limits, resolve: resolveYAML11, intrinsics: cfnAuto, fast: true}
}

// cfnMode says when YAML tags are read as CloudFormation intrinsics.
type cfnMode uint8

const (
	cfnOff   cfnMode = iota
	cfnAuto          // when the file looks like a template (looksLikeCFN)
	cfnForce         // always
)

// yamlOptions select the YAML dialect of a format.
type yamlOptions struct {
	limits Limits
	// resolve types plain scalars (the schema: YAML 1.1 or 1.2 core).
	resolve func(tag, in string) yscalar
	// intrinsics turns CloudFormation's short-form tags (!Ref x) into
	// their long form ({"Ref": "x"}).
	intrinsics cfnMode
	// fast tries the hand-written fast path (yamlfast.go) first. It is
	// written for exactly YAMLParser's dialect (YAML 1.1 resolution,
	// cfnAuto): set it for no other.
	fast bool
	// placeholders: "{{ }}" in these files are placeholders to fill in
	// (starter workflows), not a chart's template directives.
	placeholders bool
}

// parseYAML is the node-tree conversion shared by the YAML-based formats.
func parseYAML(filename string, src []byte, o yamlOptions) (docs []Document, err error) {
	err = eachYAML(filename, src, o, func(d Document) error {
		docs = append(docs, d)
		return nil
	})
	if err != nil {
		return nil, err
	}
	return docs, nil
}

// eachYAML converts the documents of a YAML stream one at a time and hands
// each to yield as soon as it is converted, so that only one document's
// node tree and value are alive at a time (a 50 MB rendered chart is not
// held whole). It decodes one document ahead: a document's range ends where
// the next begins, and a single-document file may be a CloudFormation
// template or a top-level sequence evaluated per element. yield's error
// stops the stream and is returned.
func eachYAML(filename string, src []byte, o yamlOptions, yield func(Document) error) (err error) {
	defer guard(filename, &err)
	defer func() { templateHint(src, err, o.placeholders) }()
	src, blank, err := textOf(filename, src)
	if blank || err != nil {
		return err
	}
	lines := newYAMLLines(src)
	if o.fast {
		yielded, ok, err := eachYAMLFast(src, lines, o.limits.depth(), yield)
		if ok || err != nil {
			return err
		}
		// The fast path gave up after handing over the first documents,
		// which goyaml gives identically: pass over those.
		if yielded > 0 {
			inner := yield
			yield = func(d Document) error {
				if yielded > 0 {
					yielded--
					return nil
				}
				return inner(d)
			}
		}
	}
	dec := yaml.NewDecoder(bytes.NewReader(src))
	// next decodes the next non-empty document root; nil at the end.
	next := func() (*yaml.Node, error) {
		for {
			var n yaml.Node
			err := dec.Decode(&n)
			if errors.Is(err, io.EOF) {
				return nil, nil
			}
			if err != nil {
				pe := yamlError(filename, src, err)
				// goyaml may place an error at end of input, one line past
				// the last; keep it on a real line.
				pe.Line = min(pe.Line, lines.count)
				return nil, pe
			}
			if len(n.Content) == 0 || isEmptyDoc(n.Content[0]) {
				continue
			}
			return n.Content[0], nil
		}
	}
	cur, err := next()
	if err != nil || cur == nil {
		return err
	}
	ahead, err := next()
	if err != nil {
		return err
	}
	single := ahead == nil
	c := &yamlConv{file: filename, src: src, lines: lines, maxDepth: o.limits.depth(), maxAlias: o.limits.aliasNodes(), resolve: o.resolve}
	switch o.intrinsics {
	case cfnForce:
		c.cfn = true
	case cfnAuto:
		c.cfn = single && looksLikeCFN(cur)
	}
	for index := 0; cur != nil; index++ {
		end := lines.count + 1
		if ahead != nil {
			end = ahead.Line
		}
		c.sm = &SourceMap{}
		c.ptr.reset()
		val, err := c.value(cur, end, 0)
		if err != nil {
			return err
		}
		r := c.rng(cur.Line, cur.Column, end)
		c.sm.Set(Path{}, r)
		doc := Document{Value: val, Index: index, Range: r, Map: c.sm}
		if single && cur.Kind == yaml.SequenceNode {
			for _, d := range splitArray(doc) {
				if err := yield(d); err != nil {
					return err
				}
			}
			return nil
		}
		if err := yield(doc); err != nil {
			return err
		}
		if cur, ahead = ahead, nil; cur != nil {
			if ahead, err = next(); err != nil {
				return err
			}
		}
	}
	return nil
}

// isEmptyDoc reports a document with no content (only comments, or
// nothing between two separators). An explicit null ("~", "null") is
// content.
func isEmptyDoc(n *yaml.Node) bool {
	return n.Kind == yaml.ScalarNode && n.Value == "" && n.Style == 0 && n.Anchor == ""
}

var yamlLineRE = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)

// yamlError converts a goyaml error to a ParseError on the right line.
// goyaml v3 prints scanner errors with the 1-based line of their context
// (the key without a ':', the alias without a name) but parser errors
// ("did not find expected key") with the 0-based line of their context,
// which for a nested collection is where the collection starts, not the
// token the parser could not take: that line is asked of goyaml v2, which
// prints the token's.
func yamlError(filename string, src []byte, err error) *ParseError {
	msg := err.Error()
	pe := &ParseError{File: filename, Msg: strings.TrimPrefix(msg, "yaml: ")}
	if m := yamlLineRE.FindStringSubmatch(msg); m != nil {
		line, _ := strconv.Atoi(m[1])
		pe.Msg = m[2]
		if isYAMLParserError(m[2]) {
			line++
			if problem, ok := yamlProblemLine(src, m[2]); ok && problem >= line {
				line = problem
			}
		}
		pe.Line = line
		return pe
	}
	if isYAMLParserError(pe.Msg) {
		pe.Line = 1
	}
	if name, ok := strings.CutPrefix(pe.Msg, "unknown anchor '"); ok {
		name = strings.TrimSuffix(name, "' referenced")
		if i := bytes.Index(src, []byte("*"+name)); i >= 0 {
			pe.Line, pe.Col = offsetPos(src, i)
		}
	}
	if pe.Line == 0 && strings.Contains(pe.Msg, "unexpected end of stream") {
		// An unterminated quoted scalar or flow collection: goyaml
		// gives no line, and the stream ends on the last one.
		pe.Line = max(1, bytes.Count(bytes.TrimRight(src, "\n"), []byte("\n"))+1)
	}
	if pe.Line == 0 {
		// goyaml leaves out the line of a problem on its first line
		// (its 0-based line 0).
		pe.Line = 1
	}
	return pe
}

// yamlParserErrors are the problems goyaml's parser (not its scanner)
// reports. Scanner problems also start with "did not find expected" ("...
// alphabetic or numeric character", "... comment or line break"): the
// messages are compared whole.
var yamlParserErrors = map[string]bool{
	"did not find expected <stream-start>":   true,
	"did not find expected <document start>": true,
	"did not find expected node content":     true,
	"did not find expected '-' indicator":    true,
	"did not find expected key":              true,
	"did not find expected ',' or ']'":       true,
	"did not find expected ',' or '}'":       true,
	"found undefined tag handle":             true,
	"found duplicate %YAML directive":        true,
	"found duplicate %TAG directive":         true,
	"found incompatible YAML document":       true,
}

func isYAMLParserError(msg string) bool { return yamlParserErrors[msg] }

// yamlProblemLine is the 1-based line of the token a parser error is about,
// as goyaml v2 (the same parser, which prints the token's 0-based line)
// finds it in src; false when v2 does not fail with the same problem.
// Only a file that does not parse pays for it.
func yamlProblemLine(src []byte, problem string) (line int, ok bool) {
	defer func() {
		if recover() != nil {
			ok = false
		}
	}()
	dec := yaml2.NewDecoder(bytes.NewReader(src))
	for {
		err := dec.Decode(&yamlSkip{})
		if err == nil {
			continue
		}
		m := yamlLineRE.FindStringSubmatch(err.Error())
		if m == nil || m[2] != problem {
			return 0, false
		}
		n, err := strconv.Atoi(m[1])
		return n + 1, err == nil
	}
}

// yamlSkip takes any document without decoding it (nor expanding its
// aliases).
type yamlSkip struct{}

func (*yamlSkip) UnmarshalYAML(func(any) error) error { return nil }

// yamlLines indexes a YAML file's lines as goyaml counts them (CR, LF,
// CRLF, NEL, LS and PS all break lines) and knows which lines carry
// content.
type yamlLines struct {
	count int
	// lastContent[i] is the last line <= i that is neither blank, a comment
	// nor a bare document marker (0 when none).
	lastContent []int32
}

func newYAMLLines(src []byte) *yamlLines {
	l := &yamlLines{lastContent: make([]int32, 1, bytes.Count(src, []byte{'\n'})+2)}
	// Without CR, NEL, LS and PS (whose encodings start with 0xC2 and
	// 0xE2) only line feeds break lines.
	onlyLF := bytes.IndexByte(src, '\r') < 0 && bytes.IndexByte(src, 0xC2) < 0 && bytes.IndexByte(src, 0xE2) < 0
	line, start := 1, 0
	for {
		at, n := yamlBreak(src, start, onlyLF)
		if n == 0 {
			break
		}
		last := l.lastContent[len(l.lastContent)-1]
		if lineHasContent(src[start:at]) {
			last = int32(line)
		}
		l.lastContent = append(l.lastContent, last)
		start = at + n
		line++
	}
	if start < len(src) {
		last := l.lastContent[len(l.lastContent)-1]
		if lineHasContent(src[start:]) {
			last = int32(line)
		}
		l.lastContent = append(l.lastContent, last)
	} else {
		line--
	}
	l.count = max(line, 1)
	for len(l.lastContent) <= l.count {
		l.lastContent = append(l.lastContent, l.lastContent[len(l.lastContent)-1])
	}
	return l
}

// yamlBreak finds the first line break at or after i: its offset and
// length (CRLF is one break), or n=0 when there is none. onlyLF says src
// has no other breaks than line feeds.
func yamlBreak(src []byte, i int, onlyLF bool) (at, n int) {
	if onlyLF {
		if j := bytes.IndexByte(src[i:], '\n'); j >= 0 {
			return i + j, 1
		}
		return len(src), 0
	}
	for ; i < len(src); i++ {
		switch c := src[i]; {
		case c == '\r':
			if i+1 < len(src) && src[i+1] == '\n' {
				return i, 2
			}
			return i, 1
		case c == '\n':
			return i, 1
		case c == 0xC2 && i+1 < len(src) && src[i+1] == 0x85:
			return i, 2
		case c == 0xE2 && i+2 < len(src) && src[i+1] == 0x80 && (src[i+2] == 0xA8 || src[i+2] == 0xA9):
			return i, 3
		}
	}
	return len(src), 0
}

func lineHasContent(b []byte) bool {
	i := 0
	for i < len(b) && (b[i] == ' ' || b[i] == '\t') {
		i++
	}
	b = b[i:]
	if len(b) == 0 || b[0] == '#' {
		return false
	}
	if len(b) >= 3 && (string(b[:3]) == "---" || string(b[:3]) == "...") {
		i = 3
		for i < len(b) && (b[i] == ' ' || b[i] == '\t') {
			i++
		}
		return i < len(b) && b[i] != '#'
	}
	return true
}

// end is the last content line of a node starting on line start when the
// next node starts on line next.
func (l *yamlLines) end(start, next int) int {
	if next <= start {
		return start
	}
	e := int(l.lastContent[min(next-1, l.count)])
	return max(e, start)
}

// templateHint adds to a syntax error in a file that holds template
// directives ("{{" on or before the error's line, as in a Helm chart's
// templates; not GitHub's "${{" expressions, which are plain strings) how
// to evaluate it: render it first, or, for placeholders, fill them in.
// The file still fails.
func templateHint(src []byte, err error, placeholders bool) {
	var pe *ParseError
	if !errors.As(err, &pe) || pe.Line < 1 {
		return
	}
	head := src
	for i, n := 0, 0; i < len(src); i++ {
		if src[i] == '\n' {
			if n++; n == pe.Line {
				head = src[:i]
				break
			}
		}
	}
	switch {
	case !hasDirective(head):
	case placeholders:
		pe.Msg += " (the file holds {{ }} placeholders, which are not YAML: fill them in before checking it)"
	default:
		pe.Msg += " (the file holds {{ }} template directives: a Helm chart's templates are rendered when they are under its templates/ directory, beside Chart.yaml, unless --helm=false; for other templates evaluate the rendered output)"
	}
}

// hasDirective reports a "{{" that does not open a GitHub expression.
func hasDirective(b []byte) bool {
	for i := bytes.Index(b, []byte("{{")); i >= 0; {
		if i == 0 || b[i-1] != '$' {
			return true
		}
		j := bytes.Index(b[i+2:], []byte("{{"))
		if j < 0 {
			return false
		}
		i += 2 + j
	}
	return false
}

type yamlConv struct {
	file     string
	src      []byte
	starts   []int // byte offset of each line (flowEnd), made on first use
	lines    *yamlLines
	sm       *SourceMap
	ptr      pointerBuf
	maxDepth int
	maxAlias int
	aliased  int // values produced through alias expansion so far
	inAlias  int // >0 while expanding an alias
	// aliasAt is the range of the alias being expanded (the outermost):
	// the values it produces are where the alias is, not the anchor, so
	// that a finding on the second of two steps written `- *checkout`
	// lands on that step.
	aliasAt *Range
	// open are the anchored nodes being converted: an alias to one of
	// them is a value that contains itself.
	open    []*yaml.Node
	resolve func(tag, in string) yscalar
	cfn     bool // read !Tags as CloudFormation intrinsics
}

func (c *yamlConv) rng(line, col, next int) Range { return c.lines.rng(line, col, next) }

// at is the range of a value at line:col: inside an alias's expansion,
// the alias's.
func (c *yamlConv) at(line, col, next int) Range {
	if c.aliasAt != nil {
		return *c.aliasAt
	}
	return c.rng(line, col, next)
}

// entryAt is the range of an entry of the collection parent that starts
// with node k (its key, or the element itself) and holds the value v,
// when the next node starts on line next. In a flow collection the lines
// before the next node may hold only the brackets that close v's
// enclosing collections ("},", "]"): they are not v's. A flow collection
// v ends at its own closing bracket.
func (c *yamlConv) entryAt(parent, k, v *yaml.Node, next int) Range {
	r := c.at(k.Line, k.Column, next)
	if c.aliasAt != nil {
		return r
	}
	switch {
	case v.Kind == yaml.MappingNode || v.Kind == yaml.SequenceNode:
		if v.Style&yaml.FlowStyle != 0 {
			// Its own bracket decides, also when a sibling follows on
			// that line ({"d": [1,\n 2], "e": 3}).
			if e := c.flowEnd(v); e >= r.StartLine {
				r.EndLine = e
			}
		}
	case parent.Style&yaml.FlowStyle != 0 && v.Kind == yaml.ScalarNode:
		for r.EndLine > max(r.StartLine, v.Line) && c.closersOnly(r.EndLine) {
			r.EndLine--
		}
	}
	return r
}

// lineStart is the byte offset of line (1-based) in c.src.
func (c *yamlConv) lineStart(line int) int {
	if c.starts == nil {
		c.starts = []int{0}
		for i, b := range c.src {
			if b == '\n' {
				c.starts = append(c.starts, i+1)
			}
		}
	}
	if line < 1 || line > len(c.starts) {
		return -1
	}
	return c.starts[line-1]
}

// closersOnly reports whether a line holds nothing but the brackets and
// commas that close flow collections (and a comment).
func (c *yamlConv) closersOnly(line int) bool {
	i := c.lineStart(line)
	if i < 0 {
		return false
	}
	seen := false
	for ; i < len(c.src) && c.src[i] != '\n'; i++ {
		switch c.src[i] {
		case ']', '}', ',':
			seen = true
		case ' ', '\t', '\r':
		case '#':
			return seen
		default:
			return false
		}
	}
	return seen
}

// flowEnd is the line of the bracket that closes the flow collection n,
// 0 when it cannot be told (quotes and comments are skipped; a column
// counts characters, as goyaml's do).
func (c *yamlConv) flowEnd(n *yaml.Node) int {
	i := c.lineStart(n.Line)
	if i < 0 {
		return 0
	}
	for col := 1; col < n.Column && i < len(c.src); col++ {
		_, size := utf8.DecodeRune(c.src[i:])
		i += size
	}
	if i >= len(c.src) || (c.src[i] != '{' && c.src[i] != '[') {
		return 0
	}
	line, depth := n.Line, 0
	for ; i < len(c.src); i++ {
		switch b := c.src[i]; b {
		case '\n':
			line++
		case '{', '[':
			depth++
		case '}', ']':
			if depth--; depth == 0 {
				return line
			}
		case '"', '\'':
			for i++; i < len(c.src); i++ {
				if c.src[i] == '\n' {
					line++
				} else if b == '"' && c.src[i] == '\\' {
					if i+1 < len(c.src) && c.src[i+1] == '\n' {
						line++
					}
					i++
				} else if c.src[i] == b {
					if b == '\'' && i+1 < len(c.src) && c.src[i+1] == '\'' {
						i++
						continue
					}
					break
				}
			}
		case '#':
			if i > 0 && (c.src[i-1] == ' ' || c.src[i-1] == '\t') {
				for i < len(c.src) && c.src[i] != '\n' {
					i++
				}
				i-- // the line break is counted above
			}
		}
	}
	return 0
}

// rng is the range of a node starting at line:col when the next node
// starts on line next.
func (l *yamlLines) rng(line, col, next int) Range {
	return clampRange(Range{StartLine: line, StartCol: col, EndLine: l.end(line, next)}, l.count)
}

func (c *yamlConv) errAt(n *yaml.Node, format string, args ...any) error {
	return &ParseError{File: c.file, Line: n.Line, Col: n.Column, Msg: fmt.Sprintf(format, args...)}
}

// value converts n. next is the line where the following node starts
// (0 when unknown), for end lines.
func (c *yamlConv) value(n *yaml.Node, next, depth int) (any, error) {
	if depth > c.maxDepth {
		return nil, c.errAt(n, "nesting deeper than %d levels", c.maxDepth)
	}
	if c.inAlias > 0 {
		c.aliased++
		if c.aliased > c.maxAlias {
			return nil, c.errAt(n, "aliases expand to more than %d values (alias bomb?)", c.maxAlias)
		}
	}
	if n.Anchor != "" {
		c.open = append(c.open, n)
		defer func() { c.open = c.open[:len(c.open)-1] }()
	}
	if c.cfn && isIntrinsicTag(n.Tag) {
		return c.intrinsic(n, next, depth)
	}
	return c.plain(n, next, depth)
}

// recursive reports an alias to a value that contains the alias: JSON,
// and so a policy's input, cannot hold it.
func (c *yamlConv) recursive(alias *yaml.Node) error {
	if slices.Contains(c.open, alias.Alias) {
		return c.errAt(alias, "alias *%s refers to a value that contains it (a recursive anchor)", alias.Value)
	}
	return nil
}

// plain converts n without looking at a CloudFormation tag on it.
func (c *yamlConv) plain(n *yaml.Node, next, depth int) (any, error) {
	switch n.Kind {
	case yaml.ScalarNode:
		s, err := c.scalar(n)
		if err != nil {
			return nil, err
		}
		return s.json(c, n)
	case yaml.SequenceNode:
		list := make([]any, len(n.Content))
		for i, el := range n.Content {
			elNext := next
			if i+1 < len(n.Content) {
				elNext = n.Content[i+1].Line
			}
			c.ptr.pushIndex(i)
			v, err := c.value(el, elNext, depth+1)
			if err != nil {
				return nil, err
			}
			list[i] = v
			c.sm.setHere(&c.ptr, c.entryAt(n, el, el, elNext))
			c.ptr.pop()
		}
		return list, nil
	case yaml.MappingNode:
		m := make(map[string]any, len(n.Content)/2)
		if err := c.mapping(n, m, next, depth); err != nil {
			return nil, err
		}
		return m, nil
	case yaml.AliasNode:
		if n.Alias == nil {
			return nil, c.errAt(n, "unknown anchor %q", n.Value)
		}
		if err := c.recursive(n); err != nil {
			return nil, err
		}
		if c.aliasAt == nil {
			r := c.rng(n.Line, n.Column, next)
			c.aliasAt = &r
			defer func() { c.aliasAt = nil }()
		}
		c.inAlias++
		v, err := c.value(n.Alias, 0, depth+1)
		c.inAlias--
		return v, err
	case yaml.DocumentNode:
		if len(n.Content) == 0 {
			return nil, nil
		}
		return c.value(n.Content[0], next, depth)
	}
	return nil, c.errAt(n, "unsupported YAML node")
}

// mapping decodes n's entries into m in order, like goyaml v2: a merge key
// ("<<") copies the merged mappings' entries in place, later keys replace
// earlier ones.
func (c *yamlConv) mapping(n *yaml.Node, m map[string]any, next, depth int) error {
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		vNext := next
		if i+2 < len(n.Content) {
			vNext = n.Content[i+2].Line
		}
		if k.Kind == yaml.ScalarNode && k.Value == "<<" && k.Tag == "!!merge" {
			if err := c.merge(k, v, m, vNext, depth); err != nil {
				return err
			}
			continue
		}
		key, err := c.key(k)
		if err != nil {
			return err
		}
		c.ptr.push(key)
		val, err := c.value(v, vNext, depth+1)
		if err != nil {
			return err
		}
		m[key] = val
		c.sm.setHere(&c.ptr, c.entryAt(n, k, v, vNext))
		c.ptr.pop()
	}
	return nil
}

// merge copies the entries of the mappings v merges (k is the "<<" key)
// into m. Entries merged through an alias are placed on the "<<" entry,
// as an alias's value is placed on the alias, not where the anchor is.
func (c *yamlConv) merge(k, v *yaml.Node, m map[string]any, next, depth int) error {
	if depth > c.maxDepth {
		return c.errAt(v, "nesting deeper than %d levels", c.maxDepth)
	}
	target := func(n *yaml.Node) (*yaml.Node, int) {
		if n.Kind == yaml.AliasNode && n.Alias != nil {
			return n.Alias, 0
		}
		return n, next
	}
	merged := []*yaml.Node{v}
	if v.Kind == yaml.SequenceNode {
		merged = v.Content
	}
	for _, n := range merged {
		if n.Kind == yaml.AliasNode && n.Alias != nil {
			if err := c.recursive(n); err != nil {
				return err
			}
		}
	}
	switch v.Kind {
	case yaml.MappingNode, yaml.AliasNode:
		t, tNext := target(v)
		if t.Kind != yaml.MappingNode {
			break
		}
		if v.Kind == yaml.AliasNode {
			c.inAlias++
			defer func() { c.inAlias-- }()
			defer c.placeOn(k, next)()
		}
		return c.mapping(t, m, tNext, depth+1)
	case yaml.SequenceNode:
		// Earlier mappings take precedence: apply them last.
		for i := len(v.Content) - 1; i >= 0; i-- {
			t, tNext := target(v.Content[i])
			if t.Kind != yaml.MappingNode {
				return c.errAt(v.Content[i], "map merge requires map or sequence of maps as the value")
			}
			restore := func() {}
			if v.Content[i].Kind == yaml.AliasNode {
				c.inAlias++
				restore = c.placeOn(k, next)
			}
			err := c.mapping(t, m, tNext, depth+1)
			if v.Content[i].Kind == yaml.AliasNode {
				c.inAlias--
			}
			restore()
			if err != nil {
				return err
			}
		}
		return nil
	}
	return c.errAt(v, "map merge requires map or sequence of maps as the value")
}

// placeOn places the values decoded until the returned function is called
// on the entry of key k (unless an enclosing alias already places them).
func (c *yamlConv) placeOn(k *yaml.Node, next int) (restore func()) {
	if c.aliasAt != nil {
		return func() {}
	}
	r := c.rng(k.Line, k.Column, next)
	c.aliasAt = &r
	return func() { c.aliasAt = nil }
}

// key converts a mapping key to the string sigs.k8s.io/yaml makes of it.
func (c *yamlConv) key(k *yaml.Node) (string, error) {
	n := k
	if n.Kind == yaml.AliasNode && n.Alias != nil {
		n = n.Alias
	}
	if n.Kind != yaml.ScalarNode {
		return "", c.errAt(k, "invalid map key: a key must be a scalar")
	}
	s, err := c.scalar(n)
	if err != nil {
		return "", err
	}
	if key, ok := s.key(); ok {
		return key, nil
	}
	if s.kind == kNull {
		return "", c.errAt(k, "unsupported map key: null")
	}
	return "", c.errAt(k, "unsupported map key %q: integer out of range", n.Value)
}

// key is the map key sigs.k8s.io/yaml makes of a resolved scalar; false
// for the keys it refuses (null, and integers beyond int64).
func (s yscalar) key() (string, bool) {
	switch s.kind {
	case kStr:
		return s.s, true
	case kBool:
		return strconv.FormatBool(s.b), true
	case kInt:
		return strconv.FormatInt(s.i, 10), true
	case kFloat:
		switch f := strconv.FormatFloat(s.f, 'g', -1, 32); f {
		case "+Inf":
			return ".inf", true
		case "-Inf":
			return "-.inf", true
		case "NaN":
			return ".nan", true
		default:
			return f, true
		}
	}
	return "", false
}

type scalarKind uint8

const (
	kStr scalarKind = iota
	kNull
	kBool
	kInt
	kUint
	kFloat
)

// yscalar is a resolved YAML scalar, typed as goyaml v2 types it.
type yscalar struct {
	kind scalarKind
	s    string
	b    bool
	i    int64
	u    uint64
	f    float64
}

// json is the value sigs.k8s.io/yaml's JSON round trip gives: every
// number a float64, non-finite floats refused.
func (s yscalar) json(c *yamlConv, n *yaml.Node) (any, error) {
	switch s.kind {
	case kNull:
		return nil, nil
	case kBool:
		return s.b, nil
	case kInt:
		return float64(s.i), nil
	case kUint:
		return float64(s.u), nil
	case kFloat:
		if math.IsInf(s.f, 0) || math.IsNaN(s.f) {
			return nil, c.errAt(n, "unsupported value %s: JSON has no infinity or NaN", n.Value)
		}
		return s.f, nil
	}
	return s.s, nil
}

// scalar resolves n like goyaml v2 does when decoding into interface{}.
func (c *yamlConv) scalar(n *yaml.Node) (yscalar, error) {
	if n.Style&yaml.TaggedStyle == 0 {
		if n.Style&(yaml.DoubleQuotedStyle|yaml.SingleQuotedStyle|yaml.LiteralStyle|yaml.FoldedStyle) != 0 {
			return yscalar{s: n.Value}, nil
		}
		return c.resolve("", n.Value), nil
	}
	tag := n.Tag
	if t, ok := strings.CutPrefix(tag, "tag:yaml.org,2002:"); ok {
		tag = "!!" + t
	}
	switch tag {
	case "!!binary":
		data, err := base64.StdEncoding.DecodeString(n.Value)
		if err != nil {
			return yscalar{}, c.errAt(n, "!!binary value contains invalid base64 data")
		}
		return yscalar{s: jsonSafeString(data)}, nil
	case "!!str":
		return yscalar{s: n.Value}, nil
	case "!!bool", "!!int", "!!float", "!!null", "!!timestamp":
	default:
		// Unknown tags (e.g. CloudFormation's !Ref) leave the text as it is.
		return yscalar{s: n.Value}, nil
	}
	s := c.resolve(tag, n.Value)
	want, typed := map[string]scalarKind{"!!bool": kBool, "!!int": kInt, "!!float": kFloat, "!!null": kNull}[tag]
	switch {
	case tag == "!!timestamp" && isYAMLTimestamp(n.Value):
		return yscalar{s: n.Value}, nil
	case typed && s.kind == want, tag == "!!int" && s.kind == kUint:
		return s, nil
	case tag == "!!float" && s.kind == kInt:
		return yscalar{kind: kFloat, f: float64(s.i)}, nil
	}
	return yscalar{}, c.errAt(n, "cannot decode `%s` as a %s", n.Value, tag)
}

// jsonSafeString replaces each invalid UTF-8 byte with U+FFFD, as
// encoding/json does when it writes a string.
func jsonSafeString(b []byte) string {
	if utf8.Valid(b) {
		return string(b)
	}
	var sb strings.Builder
	for len(b) > 0 {
		r, n := utf8.DecodeRune(b)
		if r == utf8.RuneError && n == 1 {
			sb.WriteRune(utf8.RuneError)
		} else {
			sb.Write(b[:n])
		}
		b = b[n:]
	}
	return sb.String()
}

var yaml11Words = map[string]yscalar{
	"y": {kind: kBool, b: true}, "Y": {kind: kBool, b: true}, "yes": {kind: kBool, b: true},
	"Yes": {kind: kBool, b: true}, "YES": {kind: kBool, b: true}, "true": {kind: kBool, b: true},
	"True": {kind: kBool, b: true}, "TRUE": {kind: kBool, b: true}, "on": {kind: kBool, b: true},
	"On": {kind: kBool, b: true}, "ON": {kind: kBool, b: true},
	"n": {kind: kBool}, "N": {kind: kBool}, "no": {kind: kBool}, "No": {kind: kBool}, "NO": {kind: kBool},
	"false": {kind: kBool}, "False": {kind: kBool}, "FALSE": {kind: kBool},
	"off": {kind: kBool}, "Off": {kind: kBool}, "OFF": {kind: kBool},
	"": {kind: kNull}, "~": {kind: kNull}, "null": {kind: kNull}, "Null": {kind: kNull}, "NULL": {kind: kNull},
	".nan": {kind: kFloat, f: math.NaN()}, ".NaN": {kind: kFloat, f: math.NaN()}, ".NAN": {kind: kFloat, f: math.NaN()},
	".inf": {kind: kFloat, f: math.Inf(1)}, ".Inf": {kind: kFloat, f: math.Inf(1)}, ".INF": {kind: kFloat, f: math.Inf(1)},
	"+.inf": {kind: kFloat, f: math.Inf(1)}, "+.Inf": {kind: kFloat, f: math.Inf(1)}, "+.INF": {kind: kFloat, f: math.Inf(1)},
	"-.inf": {kind: kFloat, f: math.Inf(-1)}, "-.Inf": {kind: kFloat, f: math.Inf(-1)}, "-.INF": {kind: kFloat, f: math.Inf(-1)},
}

// resolveYAML11 types a plain scalar with the YAML 1.1 rules of goyaml v2.
// Timestamps stay strings (v2 keeps them as text in interface{} values).
func resolveYAML11(tag, in string) yscalar {
	str := yscalar{s: in}
	hint := byte('N') // anything non-zero: the empty string is looked up
	if in != "" {
		switch c := in[0]; {
		case c == '+' || c == '-':
			hint = 'S'
		case c >= '0' && c <= '9':
			hint = 'D'
		case strings.IndexByte("yYnNtTfFoO~", c) >= 0:
			hint = 'M'
		case c == '.':
			hint = '.'
		default:
			hint = 0
		}
	}
	if hint == 0 {
		return str
	}
	if v, ok := yaml11Words[in]; ok {
		return v
	}
	switch hint {
	case '.':
		if f, err := strconv.ParseFloat(in, 64); err == nil {
			return yscalar{kind: kFloat, f: f}
		}
	case 'D', 'S':
		if (tag == "" || tag == "!!timestamp") && isYAMLTimestamp(in) {
			return str
		}
		plain := strings.ReplaceAll(in, "_", "")
		if i, err := strconv.ParseInt(plain, 0, 64); err == nil {
			return yscalar{kind: kInt, i: i}
		}
		if u, err := strconv.ParseUint(plain, 0, 64); err == nil {
			return yscalar{kind: kUint, u: u}
		}
		if yaml11Float.MatchString(plain) {
			if f, err := strconv.ParseFloat(plain, 64); err == nil {
				return yscalar{kind: kFloat, f: f}
			}
		}
		if rest, ok := strings.CutPrefix(plain, "0b"); ok {
			if i, err := strconv.ParseInt(rest, 2, 64); err == nil {
				return yscalar{kind: kInt, i: i}
			}
			if u, err := strconv.ParseUint(rest, 2, 64); err == nil {
				return yscalar{kind: kUint, u: u}
			}
		} else if rest, ok := strings.CutPrefix(plain, "-0b"); ok {
			if i, err := strconv.ParseInt("-"+rest, 2, 64); err == nil {
				return yscalar{kind: kInt, i: i}
			}
		}
	}
	return str
}

var yaml11Float = regexp.MustCompile(`^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$`)

// isYAMLTimestamp reports the timestamp forms goyaml v2 recognises.
func isYAMLTimestamp(s string) bool {
	i := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	if i != 4 || i == len(s) || s[i] != '-' {
		return false
	}
	for _, layout := range []string{"2006-1-2T15:4:5.999999999Z07:00", "2006-1-2t15:4:5.999999999Z07:00",
		"2006-1-2 15:4:5.999999999", "2006-1-2"} {
		if _, err := time.Parse(layout, s); err == nil {
			return true
		}
	}
	return false
}

// splitArray turns a document whose value is an array into one document
// per element, with paths relative to the element (conftest evaluates such
// files once per element).
func splitArray(d Document) []Document {
	list, ok := d.Value.([]any)
	if !ok {
		return []Document{d}
	}
	out := make([]Document, len(list))
	maps := d.Map.Elements(Path{}, len(list))
	for i, v := range list {
		r, _ := maps[i].Exact(Path{})
		out[i] = Document{Value: v, Index: i, Range: r, Map: maps[i]}
	}
	return out
}
