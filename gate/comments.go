package gate

import (
	"bytes"
	"path"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/moby/buildkit/frontend/dockerfile/parser"
	"github.com/pelletier/go-toml/v2/unstable"
	yaml "go.yaml.in/yaml/v3"

	"github.com/infragate/infragate/parsers"
)

// Syntax is the comment syntax of a file: it decides which bytes are
// comments, and so where an inline waiver may stand. A marker anywhere
// else (in a string, a YAML block scalar, a here-document, a JSON value)
// is data and waives nothing.
type Syntax string

// The comment syntaxes.
const (
	// NoComments is JSON (plain JSON, Terraform plans, JSON
	// CloudFormation templates, .tf.json) and any file of unknown format:
	// no inline waiver is read from it.
	NoComments Syntax = ""
	// HCLComments are HCL's `#`, `//` and `/* */` comments, as the HCL
	// lexer finds them.
	HCLComments Syntax = "hcl"
	// YAMLComments are YAML `#` comments: outside quoted, plain and
	// block scalars.
	YAMLComments Syntax = "yaml"
	// DockerfileComments are Dockerfile lines that begin with `#`
	// (outside here-documents).
	DockerfileComments Syntax = "dockerfile"
	// TOMLComments are TOML `#` comments, as go-toml's parser finds them
	// (on their own line or after a value).
	TOMLComments Syntax = "toml"
	// INIComments are INI lines that begin with `;` or `#`.
	INIComments Syntax = "ini"
	// DotenvComments are dotenv lines that begin with `#`.
	DotenvComments Syntax = "dotenv"
	// PropertiesComments are Java properties lines that begin with `#`
	// or `!`.
	PropertiesComments Syntax = "properties"
)

// SyntaxOf returns the comment syntax of a file from its name, the format
// it was evaluated as (empty when unknown: then its name decides) and its
// content. A .json file never has comments, whatever parser read it.
func SyntaxOf(name string, format parsers.Format, src []byte) Syntax {
	if strings.EqualFold(path.Ext(strings.ReplaceAll(name, `\`, "/")), ".json") {
		return NoComments
	}
	if format == "" {
		format, _ = parsers.DetectFormat(name)
	}
	switch format {
	case parsers.HCL:
		return HCLComments
	case parsers.YAML, parsers.Workflow:
		return YAMLComments
	case parsers.Dockerfile:
		return DockerfileComments
	case parsers.TOML:
		return TOMLComments
	case parsers.INI:
		return INIComments
	case parsers.Dotenv:
		return DotenvComments
	case parsers.Properties:
		return PropertiesComments
	case parsers.CloudFormation:
		// A template is YAML or JSON; JSON starts with a brace.
		t := bytes.TrimLeft(bytes.TrimPrefix(src, bom), " \t\r\n")
		if len(t) > 0 && (t[0] == '{' || t[0] == '[') {
			return NoComments
		}
		return YAMLComments
	}
	return NoComments
}

var bom = []byte("\ufeff")

// comment is the part of one line that is a comment.
type comment struct {
	// Line is 1-based.
	Line int
	// Text runs from the comment's opener (`#`, `//`, `/*`) to the end
	// of the line or of the comment; it is empty on a block comment's
	// later lines, which hold no waiver.
	Text string
	// Own is true when the line holds nothing else than comments and
	// white space.
	Own bool
}

// commentsOf returns the comments of src, at most one per line (the
// first), in line order. Anything the syntax cannot place with certainty
// is not a comment: a waiver that is not found keeps its finding blocking.
func commentsOf(syntax Syntax, src []byte) []comment {
	src = bytes.TrimPrefix(src, bom)
	switch syntax {
	case HCLComments:
		return hclComments(src)
	case YAMLComments:
		return yamlComments(src)
	case DockerfileComments:
		return dockerfileComments(src)
	case TOMLComments:
		return tomlComments(src)
	case INIComments:
		return lineComments(iniLines, src)
	case DotenvComments:
		return lineComments(dotenvLines, src)
	case PropertiesComments:
		return lineComments(propertiesLines, src)
	}
	return nil
}

// lineStarts returns the byte offset of the start of every line.
func lineStarts(src []byte) []int {
	starts := []int{0}
	for i, c := range src {
		if c == '\n' {
			starts = append(starts, i+1)
		}
	}
	return starts
}

// lineOf returns the 1-based line of byte offset off.
func lineOf(starts []int, off int) int {
	lo, hi := 0, len(starts)
	for lo+1 < hi {
		mid := (lo + hi) / 2
		if starts[mid] <= off {
			lo = mid
		} else {
			hi = mid
		}
	}
	return lo + 1
}

// hclComments finds comments with the HCL lexer, which knows strings,
// templates and here-documents.
func hclComments(src []byte) []comment {
	toks, _ := hclsyntax.LexConfig(src, "", hcl.InitialPos)
	starts := lineStarts(src)
	code := map[int]bool{}
	type span struct{ start, end int }
	var spans []span
	for _, t := range toks {
		start, end := t.Range.Start.Byte, t.Range.End.Byte
		if start < 0 || end > len(src) || start > end {
			continue
		}
		switch t.Type {
		case hclsyntax.TokenNewline, hclsyntax.TokenEOF:
		case hclsyntax.TokenComment:
			spans = append(spans, span{start, end})
		default:
			if end > start {
				for l := lineOf(starts, start); l <= lineOf(starts, end-1); l++ {
					code[l] = true
				}
			}
		}
	}
	var out []comment
	last := 0
	for _, s := range spans {
		text := src[s.start:s.end]
		first := lineOf(starts, s.start)
		for i, part := range bytes.Split(text, []byte("\n")) {
			// An empty part is the line feed that ends a # or // comment,
			// or an empty line of a block comment.
			l := first + i
			t := strings.TrimRight(string(part), " \t\r")
			if l <= last || t == "" {
				continue
			}
			last = l
			if i > 0 {
				t = "" // inside a block comment: no opener, no waiver
			}
			out = append(out, comment{Line: l, Text: t, Own: !code[l]})
		}
	}
	return out
}

// yamlComments finds YAML comments. A `#` starts a comment at the start of
// a line or after white space, outside scalars; which of those candidates
// are comments is checked against the comments goyaml finds while parsing
// (it keeps their text, not their lines): a candidate counts only when
// every candidate with its text in the file is matched by a comment goyaml
// found with that text. A `#` inside a quoted or block scalar is a
// candidate that goyaml does not report, so its text is over-counted and
// no candidate with that text counts.
func yamlComments(src []byte) []comment {
	if !bytes.Contains(src, []byte("#")) {
		return nil
	}
	real := map[string]int{}
	dec := yaml.NewDecoder(bytes.NewReader(src))
	for {
		var n yaml.Node
		if err := dec.Decode(&n); err != nil {
			break // the end, or an error: later comments are unknown
		}
		yamlNodeComments(&n, real)
	}
	if len(real) == 0 {
		return nil
	}
	type candidate struct {
		line int
		text string
		own  bool
	}
	var cands []candidate
	count := map[string]int{}
	eachLine(src, func(n int, line []byte) {
		for i, c := range line {
			if c != '#' || (i > 0 && line[i-1] != ' ' && line[i-1] != '\t') {
				continue
			}
			t := string(bytes.TrimRight(line[i:], " \t\r"))
			count[t]++
			cands = append(cands, candidate{n, t, len(bytes.Trim(line[:i], " \t")) == 0})
		}
	})
	var out []comment
	for _, c := range cands {
		if real[c.text] == 0 || count[c.text] > real[c.text] {
			continue
		}
		if len(out) > 0 && out[len(out)-1].Line == c.line {
			continue
		}
		out = append(out, comment{Line: c.line, Text: c.text, Own: c.own})
	}
	return out
}

// yamlNodeComments counts the comment lines goyaml attached to n and the
// nodes below it (not through aliases), by their trimmed text.
func yamlNodeComments(n *yaml.Node, real map[string]int) {
	for _, c := range []string{n.HeadComment, n.LineComment, n.FootComment} {
		for _, l := range strings.Split(c, "\n") {
			if l = strings.TrimSpace(l); l != "" {
				real[l]++
			}
		}
	}
	for _, c := range n.Content {
		yamlNodeComments(c, real)
	}
}

// dockerfileComments finds Dockerfile comment lines: lines whose first
// character other than white space is `#`, except in the body of a
// here-document. A file BuildKit cannot parse has no comments found.
func dockerfileComments(src []byte) []comment {
	res, err := parser.Parse(bytes.NewReader(src))
	if err != nil {
		return nil
	}
	body := map[int]bool{}
	for _, n := range res.AST.Children {
		if len(n.Heredocs) > 0 {
			for l := n.StartLine + 1; l <= n.EndLine; l++ {
				body[l] = true
			}
		}
	}
	var out []comment
	eachLine(src, func(n int, line []byte) {
		t := bytes.TrimSpace(line)
		if body[n] || !bytes.HasPrefix(t, []byte("#")) {
			return
		}
		out = append(out, comment{Line: n, Text: string(t), Own: true})
	})
	return out
}

// tomlComments finds TOML comments with go-toml's parser, which knows
// strings and multi-line strings. A file it refuses has no comments found.
func tomlComments(src []byte) []comment {
	p := unstable.Parser{KeepComments: true}
	p.Reset(src)
	starts := lineStarts(src)
	var offsets []int
	var walk func(n *unstable.Node)
	walk = func(n *unstable.Node) {
		if n.Kind == unstable.Comment {
			offsets = append(offsets, int(n.Raw.Offset))
		}
		for it := n.Children(); it.Next(); {
			walk(it.Node())
		}
	}
	for p.NextExpression() {
		for n := p.Expression(); n != nil; n = n.Next() {
			walk(n)
		}
	}
	if p.Error() != nil {
		return nil
	}
	var out []comment
	for _, off := range offsets {
		l := lineOf(starts, off)
		if len(out) > 0 && out[len(out)-1].Line >= l {
			continue
		}
		text := src[off:]
		if i := bytes.IndexByte(text, '\n'); i >= 0 {
			text = text[:i]
		}
		before := src[starts[l-1]:off]
		out = append(out, comment{Line: l, Text: string(bytes.TrimRight(text, " \t\r")), Own: len(bytes.Trim(before, " \t")) == 0})
	}
	return out
}

// lineFormat is a format whose comments are lines of their own.
type lineFormat struct {
	parser  func() parsers.Parser
	openers string
	// sentinel is an entry on a line of its own named name (a name the
	// file does not hold), and the path it maps to.
	sentinel func(name string) (line string, at parsers.Path)
}

var (
	iniLines = lineFormat{func() parsers.Parser { return &parsers.INIParser{} }, ";#",
		func(name string) (string, parsers.Path) { return "[" + name + "]", parsers.Path{name} }}
	dotenvLines = lineFormat{func() parsers.Parser { return &parsers.DotenvParser{} }, "#",
		func(name string) (string, parsers.Path) { return name + "=1", parsers.Path{name} }}
	propertiesLines = lineFormat{func() parsers.Parser { return &parsers.PropertiesParser{} }, "#!",
		func(name string) (string, parsers.Path) { return name + "=1", parsers.Path{name} }}
)

// maxCheckedWaiverLines bounds the lines holding the inline waiver marker
// that lineComments checks (one parse of the file's start each); later
// ones are not comments, so their waivers are not found.
const maxCheckedWaiverLines = 100

// lineComments finds the comments of the formats where a comment is a
// line of its own (INI, dotenv, Java properties): lines whose first
// character other than white space is one of the format's openers, except
// the lines of a value that runs over several lines (a continued or quoted
// value), as the format's parser places its values. A line that holds the
// waiver marker must also start a new entry as the parser reads the file:
// an entry written in its place, after the lines above it, must parse as
// an entry of its own on that line (not as more of a value above it,
// which a repeated key or an INI key before any section or in [DEFAULT]
// leaves out of the source map). A line with a carriage return inside is
// no comment (the parsers of dotenv and properties files break lines
// there too). A file the parser refuses has no comments found.
func lineComments(f lineFormat, src []byte) []comment {
	docs, err := f.parser().Parse("", src)
	if err != nil {
		return nil
	}
	data := map[int]bool{}
	for _, d := range docs {
		valueLines(d.Value, nil, d.Map, data)
	}
	starts := lineStarts(src)
	checked := 0
	var out []comment
	eachLine(src, func(n int, line []byte) {
		t := bytes.TrimLeft(line, " \t\f")
		if data[n] || len(t) == 0 || !strings.ContainsRune(f.openers, rune(t[0])) {
			return
		}
		t = bytes.TrimRight(t, " \t\r")
		if bytes.IndexByte(t, '\r') >= 0 {
			return
		}
		if bytes.Contains(t, []byte(inlineMarker)) {
			if checked++; checked > maxCheckedWaiverLines || !f.startsEntry(src, starts[n-1], n) {
				return
			}
		}
		out = append(out, comment{Line: n, Text: string(t), Own: true})
	})
	return out
}

// startsEntry reports whether line n, at byte offset off of src, starts a
// new entry: whether the lines above it followed by the sentinel entry
// parse with the sentinel on line n.
func (f lineFormat) startsEntry(src []byte, off, n int) bool {
	name := "infragate_sentinel"
	for bytes.Contains(src, []byte(name)) {
		name += "_"
	}
	line, at := f.sentinel(name)
	buf := make([]byte, 0, off+len(line)+1)
	buf = append(append(append(buf, src[:off]...), line...), '\n')
	docs, err := f.parser().Parse("", buf)
	if err != nil || len(docs) != 1 || docs[0].Map == nil {
		return false
	}
	r, ok := docs[0].Map.Exact(at)
	return ok && r.StartLine == n
}

// valueLines marks the lines after the first of every scalar value at p
// or below it that runs over several lines.
func valueLines(v any, p parsers.Path, m *parsers.SourceMap, lines map[int]bool) {
	switch x := v.(type) {
	case map[string]any:
		for k, e := range x {
			valueLines(e, p.Child(k), m, lines)
		}
	case []any:
		for i, e := range x {
			valueLines(e, p.Index(i), m, lines)
		}
	default:
		if r, ok := m.Exact(p); ok {
			for l := r.StartLine + 1; l <= r.EndLine; l++ {
				lines[l] = true
			}
		}
	}
}
