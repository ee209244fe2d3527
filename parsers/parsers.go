// Package parsers turns IaC files into the documents Rego policies see as
// `input`, each with a source map from data paths to file ranges so that the
// engine can put every finding on an exact line.
//
// The shapes follow conftest wherever conftest has one, so existing
// conftest policies run unchanged (see ../shared/docs/FACTS.md section 1).
package parsers

import (
	"fmt"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
)

// Range is a span of a file. Lines and columns are 1-based; EndLine is
// inclusive. A zero Range means "unknown".
type Range struct {
	StartLine int `json:"start_line"`
	StartCol  int `json:"start_col,omitempty"`
	EndLine   int `json:"end_line"`
	EndCol    int `json:"end_col,omitempty"`
}

// IsZero reports whether r carries no position.
func (r Range) IsZero() bool { return r.StartLine == 0 }

// Path is a data path into a document: object keys as they are, array
// indexes as decimal strings. Path{"resource", "aws_s3_bucket", "b", "0", "acl"}
// is input.resource.aws_s3_bucket.b[0].acl.
type Path []string

// String renders p as a JSON pointer (RFC 6901), e.g. "/resource/aws_s3_bucket/b/0/acl".
// The root is "".
func (p Path) String() string {
	var b strings.Builder
	for _, s := range p {
		b.WriteByte('/')
		s = strings.ReplaceAll(s, "~", "~0")
		b.WriteString(strings.ReplaceAll(s, "/", "~1"))
	}
	return b.String()
}

// ParsePointer is the inverse of Path.String.
func ParsePointer(s string) Path {
	if s == "" {
		return Path{}
	}
	parts := strings.Split(strings.TrimPrefix(s, "/"), "/")
	for i, p := range parts {
		p = strings.ReplaceAll(p, "~1", "/")
		parts[i] = strings.ReplaceAll(p, "~0", "~")
	}
	return parts
}

// Child returns a new path with elem appended (p is not modified).
func (p Path) Child(elem string) Path {
	out := make(Path, len(p)+1)
	copy(out, p)
	out[len(p)] = elem
	return out
}

// Index returns a new path with the array index i appended.
func (p Path) Index(i int) Path { return p.Child(strconv.Itoa(i)) }

// ValueAt returns the value at p in a document's value: object keys and,
// for arrays, decimal indexes. ok is false when p names nothing.
func ValueAt(v any, p Path) (value any, ok bool) {
	for _, k := range p {
		switch x := v.(type) {
		case map[string]any:
			if v, ok = x[k]; !ok {
				return nil, false
			}
		case []any:
			i, err := strconv.Atoi(k)
			if err != nil || i < 0 || i >= len(x) {
				return nil, false
			}
			v = x[i]
		default:
			return nil, false
		}
	}
	return v, true
}

// SourceMap maps data paths of one document to ranges in its file.
// The zero value is empty and ready to use.
type SourceMap struct {
	m map[string]Range
	// lists holds the ranges of the elements of large arrays by index,
	// keyed by the array's pointer (SetList).
	lists map[string][]Range
}

// SetList records the ranges of the elements of the array at path p, by
// index: for an array of many elements (the resource changes of a large
// plan) an entry per element would cost several times the memory.
func (s *SourceMap) SetList(p Path, rs []Range) {
	if s.lists == nil {
		s.lists = make(map[string][]Range)
	}
	s.lists[p.String()] = rs
}

// Set records the range of the value at path p.
func (s *SourceMap) Set(p Path, r Range) {
	if s.m == nil {
		s.m = make(map[string]Range)
	}
	s.m[p.String()] = r
}

// Exact returns the range recorded for exactly p.
func (s *SourceMap) Exact(p Path) (Range, bool) {
	if s == nil {
		return Range{}, false
	}
	if r, ok := s.m[p.String()]; ok {
		return r, true
	}
	if s.lists == nil || len(p) == 0 {
		return Range{}, false
	}
	rs, ok := s.lists[p[:len(p)-1].String()]
	last := p[len(p)-1]
	i, err := strconv.Atoi(last)
	if !ok || err != nil || i < 0 || i >= len(rs) || strconv.Itoa(i) != last {
		return Range{}, false
	}
	return rs[i], true
}

// Lookup returns the range of p, or of its nearest ancestor that has one,
// together with the path that matched. Every lookup on a document's map
// finds at least the document root when the parser recorded it.
func (s *SourceMap) Lookup(p Path) (Range, Path) {
	for n := len(p); n >= 0; n-- {
		if r, ok := s.Exact(p[:n]); ok {
			return r, p[:n]
		}
	}
	return Range{}, nil
}

// Elements returns the maps of the first n elements of the array at p:
// the entries under p/i, with p/i taken off their paths (the element
// itself at the root), in one pass over the map.
func (s *SourceMap) Elements(p Path, n int) []*SourceMap {
	out := make([]*SourceMap, n)
	for i := range out {
		out[i] = &SourceMap{}
	}
	if s == nil {
		return out
	}
	at := p.String() + "/"
	// element splits a pointer under p into the element's index and the
	// rest of the pointer ("" for the element itself).
	element := func(k string) (int, string, bool) {
		rest, ok := strings.CutPrefix(k, at)
		if !ok {
			return 0, "", false
		}
		idx, rest, _ := strings.Cut(rest, "/")
		i, err := strconv.Atoi(idx)
		if err != nil || i < 0 || i >= n || strconv.Itoa(i) != idx {
			return 0, "", false
		}
		if rest != "" {
			rest = "/" + rest
		}
		return i, rest, true
	}
	for k, r := range s.m {
		if i, rest, ok := element(k); ok {
			out[i].Set(ParsePointer(rest), r)
		}
	}
	for k, rs := range s.lists {
		if k == p.String() {
			// p itself is kept by index.
			for i := 0; i < n && i < len(rs); i++ {
				out[i].Set(Path{}, rs[i])
			}
		} else if i, rest, ok := element(k); ok {
			out[i].SetList(ParsePointer(rest), rs)
		}
	}
	return out
}

// Len is the number of recorded paths.
func (s *SourceMap) Len() int {
	if s == nil {
		return 0
	}
	n := len(s.m)
	for _, rs := range s.lists {
		n += len(rs)
	}
	return n
}

// Entries returns all recorded paths (as JSON pointers) and ranges, sorted by
// position then pointer, for `infragate parse --locations`.
func (s *SourceMap) Entries() []Entry {
	if s == nil {
		return nil
	}
	out := make([]Entry, 0, s.Len())
	for k, r := range s.m {
		out = append(out, Entry{Pointer: k, Range: r})
	}
	for k, rs := range s.lists {
		for i, r := range rs {
			out = append(out, Entry{Pointer: k + "/" + strconv.Itoa(i), Range: r})
		}
	}
	sort.Slice(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.Range.StartLine != b.Range.StartLine {
			return a.Range.StartLine < b.Range.StartLine
		}
		if a.Range.StartCol != b.Range.StartCol {
			return a.Range.StartCol < b.Range.StartCol
		}
		return a.Pointer < b.Pointer
	})
	return out
}

// Entry is one source-map record.
type Entry struct {
	Pointer string `json:"path"`
	Range
}

// Document is one value a policy sees as `input`.
type Document struct {
	// Value is JSON-compatible: map[string]any, []any, string, bool, nil,
	// json.Number or float64/int64. It is what `infragate parse` prints.
	Value any
	// Index is the document's position in its file (0 for single-document files).
	Index int
	// Range covers the whole document in the file (for YAML, the document's
	// own first line, not line 1 of the file).
	Range Range
	// Map locates the values of Value in the file.
	Map *SourceMap
	// Origins places values that are written in another file than the
	// parsed one, by JSON pointer: what a kustomization builds comes from
	// its bases' manifests and its patches. Nil for most documents.
	Origins map[string]Origin
}

// Origin is the place in another file where a value is written.
type Origin struct {
	File string `json:"file"` // as the parsed file's name is given: relative or absolute
	Range
}

// OriginOf returns the origin of p; for a path the document does not
// hold (a key a policy found missing), that of its nearest ancestor. A
// value that is not written in another file (a kustomization's images
// field changed it) has none, whatever its ancestors have.
func (d *Document) OriginOf(p Path) (Origin, bool) {
	if len(d.Origins) == 0 {
		return Origin{}, false
	}
	if o, ok := d.Origins[p.String()]; ok {
		return o, true
	}
	if d.Map != nil {
		if _, ok := d.Map.Exact(p); ok {
			return Origin{}, false
		}
	}
	for n := len(p) - 1; n >= 0; n-- {
		if o, ok := d.Origins[p[:n].String()]; ok {
			return o, true
		}
	}
	return Origin{}, false
}

// ParseError is a syntax error in an input file. Parsers return it (or wrap
// it) so that the engine can turn it into a `parse-error` finding on the
// right line.
type ParseError struct {
	File string
	Line int // 1-based; 0 when unknown
	Col  int
	Msg  string
}

func (e *ParseError) Error() string {
	switch {
	case e.Line > 0 && e.Col > 0:
		return fmt.Sprintf("%s:%d:%d: %s", e.File, e.Line, e.Col, e.Msg)
	case e.Line > 0:
		return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Msg)
	}
	return fmt.Sprintf("%s: %s", e.File, e.Msg)
}

// Parser converts one file into documents.
type Parser interface {
	Parse(filename string, src []byte) ([]Document, error)
}

// Streamer is a Parser that can hand over a file's documents one at a
// time, so that a large multi-document file need not be held whole. The
// documents and errors are those of Parse; yield's error stops the stream.
type Streamer interface {
	Parser
	ParseEach(filename string, src []byte, yield func(Document) error) error
}

// ContentOnly is implemented by parsers that can promise that the
// documents and source maps of a file depend on its bytes alone: not on its
// name, its directory or other files (only error messages may name the
// file). The engine evaluates the files of a run that have the same bytes
// and such a parser once.
type ContentOnly interface {
	ContentOnly() bool
}

// IsContentOnly reports whether p makes the ContentOnly promise.
func IsContentOnly(p Parser) bool {
	c, ok := p.(ContentOnly)
	return ok && c.ContentOnly()
}

// Chooser is a Parser that hands some files to another parser, chosen by
// name: a Helm chart's templates go to a renderer of their chart
// (package helmchart). Whoever pairs files with parsers asks it first, so
// that each file keeps the promises (ContentOnly, ID) of the parser that
// reads it.
type Chooser interface {
	Parser
	ParserFor(filename string) Parser
}

// For returns the parser that reads filename: p's choice when p is a
// Chooser, else p.
func For(p Parser, filename string) Parser {
	if c, ok := p.(Chooser); ok {
		return c.ParserFor(filename)
	}
	return p
}

// Format names a file format infragate understands.
type Format string

// The formats. Names are what --parser accepts.
const (
	HCL  Format = "hcl2"
	YAML Format = "yaml"
	JSON Format = "json"
	// TFPlan is Terraform plan JSON (`terraform show -json plan.out`).
	// Files are found as JSON and recognised by content.
	TFPlan Format = "tfplan"
	// CloudFormation is an AWS CloudFormation or SAM template, YAML or
	// JSON. Files are found as YAML or JSON and recognised by content.
	CloudFormation Format = "cloudformation"
	// Dockerfile is a Dockerfile or Containerfile.
	Dockerfile Format = "dockerfile"
	// Workflow is a GitHub Actions workflow (.github/workflows/*.yml).
	Workflow Format = "workflow"
	// TOML is a .toml file.
	TOML Format = "toml"
	// INI is a .ini file.
	INI Format = "ini"
	// Dotenv is a dotenv file: .env, .env.* (.env.prod), *.env or *.dotenv.
	Dotenv Format = "dotenv"
	// Properties is a Java .properties file.
	Properties Format = "properties"
)

// Registry is the closed set of parsers, keyed by format.
type Registry map[Format]Parser

// Formats lists the registry's format names, sorted.
func (r Registry) Formats() []string {
	out := make([]string, 0, len(r))
	for f := range r {
		out = append(out, string(f))
	}
	sort.Strings(out)
	return out
}

// Lookup returns the parser for a format name given by a user (--parser).
func (r Registry) Lookup(name string) (Parser, error) {
	if p, ok := r[Format(name)]; ok {
		return p, nil
	}
	return nil, fmt.Errorf("unknown parser %q (known: %s)", name, strings.Join(r.Formats(), ", "))
}

// DetectFormat picks the format for a file from its name. ok is false for
// files infragate does not evaluate.
//
// Names decide only the file kind: Terraform plans and CloudFormation
// templates are detected by content inside the JSON and YAML parsers (see
// docs/formats.md), so a plan named plan.json and a template named
// stack.yaml need no --parser.
func DetectFormat(path string) (Format, bool) {
	slashed := filepath.ToSlash(path)
	base := slashed[strings.LastIndexByte(slashed, '/')+1:]
	lower := strings.ToLower(base)
	ext := strings.ToLower(filepath.Ext(base))
	switch {
	case ext == ".dockerignore" || notDockerfileExt[ext]:
		return "", false
	case isDockerfileName(lower, ext) || ext == ".dockerfile" || ext == ".containerfile":
		return Dockerfile, true
	case (ext == ".yml" || ext == ".yaml") && isWorkflowDir(slashed[:len(slashed)-len(base)]):
		return Workflow, true
	}
	switch ext {
	case ".tf", ".tfvars", ".hcl", ".tofu": // .tofu: OpenTofu's own files
		return HCL, true
	case ".yaml", ".yml":
		return YAML, true
	case ".json":
		return JSON, true
	case ".toml":
		return TOML, true
	case ".ini":
		return INI, true
	case ".properties":
		return Properties, true
	}
	if isDotenvName(lower, ext) {
		return Dotenv, true
	}
	return "", false
}

// isDotenvName reports whether a lowercased base name is a dotenv file's,
// as conftest names them: .env, .env.<anything>, *.env, *.dotenv. As for
// Dockerfiles, .env.md or .env.j2 is documentation or a template, no
// format; names whose extension is another format's were taken above.
func isDotenvName(lower, ext string) bool {
	switch {
	case lower == ".env" || ext == ".env" || ext == ".dotenv":
		return true
	case strings.HasPrefix(lower, ".env."):
		return !notDockerfileExt[ext] && ext != ".gitignore" && ext != ".dockerignore"
	}
	return false
}

// isDockerfileName reports whether a lowercased base name is Dockerfile or
// Containerfile, alone or with a suffix: after "." anything
// (Dockerfile.prod), after "-" or "_" (Dockerfile-prod, Containerfile_x,
// Dockerfile-ubi8-8.3) anything but the extension of another kind of file
// (dockerfile_test.go, dockerfile-lint.yaml).
func isDockerfileName(lower, ext string) bool {
	for _, stem := range []string{"dockerfile", "containerfile"} {
		rest, ok := strings.CutPrefix(lower, stem)
		switch {
		case !ok:
		case rest == "" || rest[0] == '.':
			return true
		case (rest[0] == '-' || rest[0] == '_') && !otherFileExt[ext]:
			return true
		}
	}
	return false
}

// otherFileExt are extensions of files that are not Dockerfiles even when
// named dockerfile-something: the other formats and source code.
var otherFileExt = map[string]bool{
	".tf": true, ".tfvars": true, ".hcl": true, ".tofu": true, ".yaml": true, ".yml": true, ".json": true,
	".go": true, ".py": true, ".sh": true, ".bash": true, ".ps1": true, ".js": true, ".ts": true,
	".rb": true, ".java": true, ".rs": true, ".toml": true, ".xml": true, ".lock": true,
	".ini": true, ".cfg": true, ".conf": true, ".rego": true,
	".env": true, ".dotenv": true, ".properties": true,
}

// notDockerfileExt are the extensions that make a Dockerfile-like name
// something else: documentation about it (Dockerfile.md) or a template
// that renders one (Dockerfile.j2), which is not a Dockerfile until
// rendered. Such names are no format: skipped in walks, an unknown
// format when named.
var notDockerfileExt = map[string]bool{
	".md": true, ".markdown": true, ".txt": true, ".rst": true, ".adoc": true,
	".asciidoc": true, ".html": true, ".htm": true, ".pdf": true, ".org": true,
	".tmpl": true, ".tpl": true, ".template": true, ".j2": true, ".jinja": true,
	".jinja2": true, ".gotmpl": true, ".erb": true, ".mustache": true, ".hbs": true,
}

// isWorkflowDir reports whether dir (with a trailing slash, or empty) is a
// .github/workflows directory, where GitHub reads workflow files.
func isWorkflowDir(dir string) bool {
	return dir == ".github/workflows/" || strings.HasSuffix(dir, "/.github/workflows/")
}
