package gate

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"strings"
	"time"

	yaml "go.yaml.in/yaml/v3"

	"github.com/infragate/infragate/config"
	"github.com/infragate/infragate/internal/glob"
)

// IDWaiverNoReason is the finding the gate reports for an inline waiver
// without a reason (not applied). An expired waiver is no finding of its
// own: the finding it waived blocks again and says so.
const IDWaiverNoReason = "waiver-without-reason"

// WaiverFile is a parsed waivers file:
//
//	waivers:
//	  - id: IG-AWS-S3-004            # rule id (a glob like IG-AWS-* is allowed)
//	    path: envs/dev/**            # file glob
//	    resource: aws_s3_bucket.logs # optional: only this resource
//	    reason: public website bucket, reviewed in SEC-123
//	    expires: 2026-12-31          # optional; the last day it applies
//	    owner: alice                 # optional
type WaiverFile struct {
	// Path is the file the waivers came from, as reported.
	Path    string
	Entries []WaiverEntry
}

// WaiverEntry is one waiver of a waivers file.
type WaiverEntry struct {
	ID       string
	Path     string
	Resource string
	Reason   string
	// Expires is the last day the waiver applies (zero: no expiry).
	Expires time.Time
	Owner   string
	// Line is the entry's line in the waivers file.
	Line int

	pattern *glob.Pattern
}

// expiresString renders Expires as YYYY-MM-DD, or "".
func (w WaiverEntry) expiresString() string {
	if w.Expires.IsZero() {
		return ""
	}
	return w.Expires.Format(time.DateOnly)
}

// Expired reports whether the waiver no longer applies on the day of now
// (it still applies on its expiry date). Days are UTC days, whatever the
// machine's time zone, so that a local check and the CI job give one
// verdict at one instant.
func (w WaiverEntry) Expired(now time.Time) bool {
	if w.Expires.IsZero() {
		return false
	}
	y, m, d := now.UTC().Date()
	today := time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	return today.After(w.Expires)
}

// matches reports whether the entry is for this rule id, file and resource.
func (w WaiverEntry) matches(id, file, resource string) bool {
	if ok, err := path.Match(w.ID, id); err != nil || !ok {
		return false
	}
	if w.pattern == nil || !w.pattern.Match(file) {
		return false
	}
	return w.Resource == "" || w.Resource == resource
}

// LoadWaivers reads a waivers file. A missing file is an error when
// required (the configuration names it), and no waivers otherwise.
func LoadWaivers(name string, required bool) (*WaiverFile, error) {
	src, err := os.ReadFile(name)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) && !required {
			return nil, nil
		}
		if errors.Is(err, fs.ErrNotExist) {
			return nil, fmt.Errorf("waivers file %s (waivers.file): not found", name)
		}
		return nil, fmt.Errorf("waivers file: %w", err)
	}
	return ParseWaivers(name, src)
}

// ParseWaivers parses a waivers file. Every entry needs id, path and
// reason; expires is a date (YYYY-MM-DD). Errors name the file and line.
func ParseWaivers(name string, src []byte) (*WaiverFile, error) {
	wf := &WaiverFile{Path: name}
	root, err := config.ParseYAML(name, src)
	if err != nil || root == nil {
		return wf, err
	}
	fail := func(n *yaml.Node, format string, args ...any) error {
		return &config.Error{File: name, Line: n.Line, Col: n.Column, Msg: fmt.Sprintf(format, args...)}
	}
	if root.Kind != yaml.MappingNode {
		return nil, fail(root, "a waivers file is a mapping with a waivers: list")
	}
	var list *yaml.Node
	for i := 0; i+1 < len(root.Content); i += 2 {
		k := root.Content[i]
		if k.Value != "waivers" {
			return nil, fail(k, "unknown key %q in the waivers file (known: waivers)", k.Value)
		}
		if list != nil {
			// The YAML decoder keeps both; taking one would drop the
			// other's waivers without a word.
			return nil, fail(k, "key %q given twice; put every waiver in one list", k.Value)
		}
		list = root.Content[i+1]
	}
	if list == nil || (list.Kind == yaml.ScalarNode && list.Tag == "!!null") {
		return wf, nil
	}
	if list.Kind != yaml.SequenceNode {
		return nil, fail(list, "waivers must be a list of {id, path, reason, expires, owner, resource}")
	}
	for _, n := range list.Content {
		if n.Kind != yaml.MappingNode {
			return nil, fail(n, "a waiver must be a mapping with id, path and reason")
		}
		e := WaiverEntry{Line: n.Line}
		seen := map[string]bool{}
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, v := n.Content[i], n.Content[i+1]
			if seen[k.Value] {
				return nil, fail(k, "waiver key %q given twice", k.Value)
			}
			seen[k.Value] = true
			if v.Kind != yaml.ScalarNode || v.Tag == "!!null" {
				return nil, fail(v, "waiver %s must be a single value", k.Value)
			}
			val := strings.TrimSpace(v.Value)
			switch k.Value {
			case "id":
				e.ID = val
			case "path":
				e.Path = val
			case "resource":
				e.Resource = val
			case "reason":
				e.Reason = val
			case "owner":
				e.Owner = val
			case "expires":
				t, err := time.Parse(time.DateOnly, val)
				if err != nil {
					return nil, fail(v, "waiver expires must be a date like 2026-12-31, not %q", val)
				}
				e.Expires = t
			default:
				return nil, fail(k, "unknown waiver key %q (known: id, path, resource, reason, expires, owner)", k.Value)
			}
		}
		switch {
		case e.ID == "":
			return nil, fail(n, "a waiver needs id (the rule id it waives)")
		case e.Path == "":
			return nil, fail(n, "the waiver for %s needs path (a file glob such as envs/dev/**)", e.ID)
		case e.Reason == "":
			return nil, fail(n, "the waiver for %s needs a reason", e.ID)
		}
		if _, err := path.Match(e.ID, ""); err != nil {
			return nil, fail(n, "waiver id %q: bad glob", e.ID)
		}
		p, err := glob.Compile(e.Path)
		if err != nil {
			return nil, fail(n, "waiver path: %v", err)
		}
		e.pattern = p
		wf.Entries = append(wf.Entries, e)
	}
	return wf, nil
}

// InlineWaiver is one `infragate:ignore` comment.
type InlineWaiver struct {
	// Line is the 1-based line the comment is on.
	Line int
	// IDs are the rule ids it waives (comma-separated in the comment).
	IDs    []string
	Reason string
	// Own is true when the comment is the only thing on its line (it can
	// then stand above what it waives).
	Own bool
}

// inlineMarker is what starts an inline waiver inside a comment.
const inlineMarker = "infragate:ignore"

// ParseInlineWaivers finds the `infragate:ignore RULE-ID[,RULE-ID...] reason`
// comments in a file whose comments follow syntax (see SyntaxOf). The
// marker must follow the comment's opener (`#`, `//` or `/*`; `;` in INI
// and `!` in properties files), after optional spaces, in a real comment of that syntax: a marker in a string,
// a YAML scalar, a here-document or a JSON file waives nothing. Comments
// whose marker has no rule id are ignored.
//
// A file without the marker costs one scan and no allocation.
func ParseInlineWaivers(syntax Syntax, src []byte) []InlineWaiver {
	if !MayHoldInlineWaivers(src) {
		return nil
	}
	var out []InlineWaiver
	for _, c := range commentsOf(syntax, src) {
		if w, ok := parseInlineComment(c); ok {
			out = append(out, w)
		}
	}
	return out
}

// eachLine calls f with every line of src (without its line feed) and its
// 1-based number.
func eachLine(src []byte, f func(n int, line []byte)) {
	for n := 1; len(src) > 0; n++ {
		line := src
		if i := bytes.IndexByte(src, '\n'); i >= 0 {
			line, src = src[:i], src[i+1:]
		} else {
			src = nil
		}
		f(n, line)
	}
}

// parseInlineComment parses one comment.
func parseInlineComment(c comment) (InlineWaiver, bool) {
	var rest string
	switch {
	case strings.HasPrefix(c.Text, "//"), strings.HasPrefix(c.Text, "/*"):
		rest = c.Text[2:]
	case strings.HasPrefix(c.Text, "#"), strings.HasPrefix(c.Text, ";"), strings.HasPrefix(c.Text, "!"):
		rest = c.Text[1:]
	default:
		return InlineWaiver{}, false // a later line of a block comment
	}
	rest, ok := strings.CutPrefix(strings.TrimLeft(rest, " \t"), inlineMarker)
	if !ok {
		return InlineWaiver{}, false
	}
	if rest != "" && rest[0] != ' ' && rest[0] != '\t' {
		return InlineWaiver{}, false // infragate:ignored, infragate:ignore-next...
	}
	fields := strings.Fields(rest)
	if len(fields) == 0 {
		return InlineWaiver{}, false
	}
	var ids []string
	for _, id := range strings.Split(fields[0], ",") {
		if id = strings.TrimSpace(id); id != "" {
			ids = append(ids, id)
		}
	}
	if len(ids) == 0 {
		return InlineWaiver{}, false
	}
	reason := strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(rest), fields[0]))
	reason = strings.TrimSpace(strings.TrimSuffix(reason, "*/"))
	reason = strings.TrimLeft(reason, "-—: ")
	return InlineWaiver{
		Line:   c.Line,
		IDs:    ids,
		Reason: strings.TrimSpace(reason),
		Own:    c.Own,
	}, true
}

// inlineIndex answers which inline waivers stand on or above a line.
type inlineIndex struct {
	byLine   map[int]InlineWaiver
	comments map[int]bool // lines holding only a comment
}

func newInlineIndex(syntax Syntax, src []byte) *inlineIndex {
	ix := &inlineIndex{byLine: map[int]InlineWaiver{}, comments: map[int]bool{}}
	if !MayHoldInlineWaivers(src) {
		return ix
	}
	cs := commentsOf(syntax, src)
	for _, c := range cs {
		if w, ok := parseInlineComment(c); ok {
			ix.byLine[w.Line] = w
		}
	}
	if len(ix.byLine) == 0 {
		return ix // nothing to stand above a line: no need to know the comments
	}
	for _, c := range cs {
		if c.Own {
			ix.comments[c.Line] = true
		}
	}
	return ix
}

// find returns the waiver for id on line, or in the run of comment-only
// lines directly above it.
func (ix *inlineIndex) find(id string, line int) (InlineWaiver, bool) {
	if w, ok := ix.byLine[line]; ok && hasID(w.IDs, id) {
		return w, true
	}
	for l := line - 1; l >= 1 && ix.comments[l]; l-- {
		if w, ok := ix.byLine[l]; ok && w.Own && hasID(w.IDs, id) {
			return w, true
		}
	}
	return InlineWaiver{}, false
}

func hasID(ids []string, id string) bool {
	for _, x := range ids {
		if x == id {
			return true
		}
	}
	return false
}

// MayHoldInlineWaivers reports whether src holds the inline waiver marker;
// a file without it has no inline waiver to read.
func MayHoldInlineWaivers(src []byte) bool {
	return bytes.Contains(src, []byte(inlineMarker))
}

// ReadInlineSource reads a file for inline waivers. A file that holds the
// marker is returned whole: placing a waiver above a block parses it. Any
// other file (almost every file) holds no inline waiver, and is returned
// as its line breaks only, so that line numbers stay: a large file costs
// one byte per line instead of its size. Lines are read in pieces of at
// most 64 KiB and never held whole.
func ReadInlineSource(r io.ReadSeeker) ([]byte, error) {
	br := bufio.NewReaderSize(r, 64<<10)
	marker := []byte(inlineMarker)
	var out []byte
	var edge []byte // the end of the line's previous piece, for a marker across pieces
	for {
		piece, err := br.ReadSlice('\n')
		if bytes.Contains(piece, marker) || bytes.Contains(append(edge, piece[:min(len(piece), len(marker)-1)]...), marker) {
			if _, err := r.Seek(0, io.SeekStart); err != nil {
				return nil, err
			}
			return io.ReadAll(r)
		}
		edge = append(edge[:0], piece[max(0, len(piece)-len(marker)+1):]...)
		if err == bufio.ErrBufferFull {
			continue
		}
		if len(piece) > 0 && piece[len(piece)-1] == '\n' {
			out = append(out, '\n')
		}
		edge = edge[:0]
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return nil, err
		}
	}
}
