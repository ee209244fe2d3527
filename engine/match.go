package engine

// Narrowing a finding to the text it is about.
//
// A result object may name, in "_match", a piece of text inside the value
// its finding points at: the ${{ }} expression in a 30-line run: script,
// the `curl ... | sh` in a RUN instruction. The finding's range is then
// narrowed from the whole value to the line(s) of the source where that
// text sits.
//
// The source is searched, not the decoded value, so the mechanism does not
// depend on the format or on how a parser decodes a scalar (YAML literal,
// folded, plain or quoted; a Dockerfile's continuation lines; an HCL
// heredoc). What guards against a wrong line is a count: the text must
// occur in the source lines of the value's range exactly as many times as
// it occurs in the value (for an object or array, in the one string of it
// that holds it most often). Text that decoding changed (an escape, a line
// folded into a space, a Dockerfile line continuation in the middle of the
// text) or that also sits in a comment inside the range breaks the count,
// and the finding keeps the value's range. A text that occurs several
// times lands on its first occurrence.
//
// The file's bytes are those the engine holds while the file's documents
// are evaluated (fileScope.src); documents keep none. Results without
// "_match" cost nothing.

import (
	"bytes"
	"strings"

	"github.com/infragate/infragate/parsers"
)

// matchKey is the result-object key naming the text a finding is about.
const matchKey = "_match"

// matchLimit bounds the values of an object or array visited to count a
// match.
const matchLimit = 100000

// narrowToMatch narrows f's range to the first line(s) of src, the file the
// finding is in, that hold text m inside the value at f's path.
func narrowToMatch(src []byte, doc *parsers.Document, f *Finding, m string) {
	if len(src) == 0 || m == "" || doc == nil || f.EndLine <= f.StartLine {
		return
	}
	v, ok := parsers.ValueAt(doc.Value, parsers.ParsePointer(f.Path))
	if !ok {
		return
	}
	if start, end, ok := matchLines(src, f.StartLine, f.EndLine, v, m); ok {
		f.StartLine, f.EndLine = start, end
	}
}

// occurrences counts m in v: in a string, its non-overlapping occurrences;
// in an object or array, the most any one of its strings holds. ok is false
// when the value is too large to visit.
func occurrences(v any, m string) (n int, ok bool) {
	budget := matchLimit
	var walk func(v any) bool
	walk = func(v any) bool {
		if budget--; budget < 0 {
			return false
		}
		switch x := v.(type) {
		case string:
			n = max(n, strings.Count(x, m))
		case map[string]any:
			for _, el := range x {
				if !walk(el) {
					return false
				}
			}
		case []any:
			for _, el := range x {
				if !walk(el) {
					return false
				}
			}
		}
		return true
	}
	ok = walk(v)
	return n, ok
}

// matchLines finds m in lines start..end (1-based, inclusive) of src and
// returns the lines of its first occurrence, when the lines hold it as
// often as the value v does. A text with line breaks matches consecutive
// lines: the first ending with its first line, the middle ones being its
// middle lines and the last starting with its last line, each after the
// indentation the value does not hold.
func matchLines(src []byte, start, end int, v any, m string) (int, int, bool) {
	want, ok := occurrences(v, m)
	if !ok || want == 0 {
		return 0, 0, false
	}
	lines := sourceLines(src, start, end)
	parts := strings.Split(m, "\n")
	got, first := 0, -1
	if len(parts) == 1 {
		for i, l := range lines {
			if c := strings.Count(l, m); c > 0 {
				if first < 0 {
					first = i
				}
				got += c
			}
		}
	} else {
		for i := 0; i+len(parts) <= len(lines); i++ {
			if !linesHold(lines[i:i+len(parts)], parts) {
				continue
			}
			if first < 0 {
				first = i
			}
			got++
			i += len(parts) - 2 // the next occurrence may start on this one's last line
		}
	}
	if got != want || first < 0 {
		return 0, 0, false
	}
	return start + first, start + first + len(parts) - 1, true
}

// linesHold reports whether lines, in order, hold the parts of a text with
// line breaks (see matchLines).
func linesHold(lines, parts []string) bool {
	k := len(parts) - 1
	if !strings.HasSuffix(lines[0], parts[0]) {
		return false
	}
	for i := 1; i < k; i++ {
		if !afterIndent(lines[i], parts[i], true) {
			return false
		}
	}
	return afterIndent(lines[k], parts[k], false)
}

// afterIndent reports whether line is indentation followed by part (whole:
// and nothing else).
func afterIndent(line, part string, whole bool) bool {
	for i := 0; ; i++ {
		rest := line[i:]
		if whole && rest == part || !whole && strings.HasPrefix(rest, part) {
			return true
		}
		if i == len(line) || line[i] != ' ' && line[i] != '\t' {
			return false
		}
	}
}

// sourceLines returns lines start..end of src (1-based, inclusive, clamped
// to the file), without their line ends ("\n" or "\r\n").
func sourceLines(src []byte, start, end int) []string {
	off := 0
	for l := 1; l < start; l++ {
		i := bytes.IndexByte(src[off:], '\n')
		if i < 0 {
			return nil
		}
		off += i + 1
	}
	out := make([]string, 0, end-start+1)
	for l := start; l <= end && off <= len(src); l++ {
		i := bytes.IndexByte(src[off:], '\n')
		var line []byte
		if i < 0 {
			line = src[off:]
			off = len(src) + 1
		} else {
			line = src[off : off+i]
			off += i + 1
		}
		out = append(out, string(bytes.TrimSuffix(line, []byte{'\r'})))
	}
	return out
}
