package reporters

import (
	"strconv"
	"unicode/utf8"

	"github.com/infragate/infragate/engine"
)

// findingEncoder writes a finding of the JSON report directly, with the
// bytes encoding/json gives a jsonFinding (indented for its place in the
// findings array, HTML characters kept) but without reflection: the report
// of a large scan is mostly findings, and the reflective encoder was most
// of the time spent writing it. Metadata and waivers, whose shapes are
// open, still go through encoding/json. TestFindingEncoderMatchesJSON and
// FuzzFindingEncoder compare the two.
type findingEncoder struct {
	nested *indentEncoder // values one level into a finding
}

func newFindingEncoder() *findingEncoder {
	return &findingEncoder{nested: newIndentEncoder("      ")}
}

// err is the first error of encoding a nested value.
func (e *findingEncoder) err() error { return e.nested.err }

// append appends f with its fingerprint, starting at "{" and ending at
// "}" (the caller writes the indentation before it).
func (e *findingEncoder) append(dst []byte, f *engine.Finding, fingerprint string) []byte {
	const field = "\n      \""
	str := func(name, v string) {
		dst = append(dst, field...)
		dst = append(dst, name...)
		dst = append(dst, "\": "...)
		dst = appendJSONString(dst, v)
		dst = append(dst, ',')
	}
	num := func(name string, v int) {
		dst = append(dst, field...)
		dst = append(dst, name...)
		dst = append(dst, "\": "...)
		dst = strconv.AppendInt(dst, int64(v), 10)
		dst = append(dst, ',')
	}
	dst = append(dst, '{')
	str("level", string(f.Level))
	str("id", f.ID)
	if f.Title != "" {
		str("title", f.Title)
	}
	str("rule", f.Rule)
	str("message", f.Message)
	str("file", f.File)
	num("start_line", f.StartLine)
	num("end_line", f.EndLine)
	if f.Severity != "" {
		str("severity", f.Severity)
	}
	num("document", f.Document)
	if f.Path != "" {
		str("path", f.Path)
	}
	if f.Resource != "" {
		str("resource", f.Resource)
	}
	if f.Origin != nil {
		dst = append(dst, field+"origin\": "...)
		dst = append(dst, e.nested.encode(f.Origin)...)
		dst = append(dst, ',')
	}
	if len(f.Metadata) > 0 {
		dst = append(dst, field+"metadata\": "...)
		dst = append(dst, e.nested.encode(f.Metadata)...)
		dst = append(dst, ',')
	}
	dst = append(dst, field+"blocking\": "...)
	dst = strconv.AppendBool(dst, f.Blocking)
	dst = append(dst, ',')
	if f.Enforcement != "" {
		str("enforcement", f.Enforcement)
	}
	if f.Waiver != nil {
		dst = append(dst, field+"waiver\": "...)
		dst = append(dst, e.nested.encode(f.Waiver)...)
		dst = append(dst, ',')
	}
	if f.Note != "" {
		str("note", f.Note)
	}
	str("fingerprint", fingerprint)
	dst = dst[:len(dst)-1] // the last comma
	return append(dst, "\n    }"...)
}

// appendJSONString appends s as a JSON string the way encoding/json writes
// it with HTML escaping off: quotes, backslashes and control characters
// escaped (\b \f \n \r \t by name, others as \u00XX), invalid UTF-8 as
// \ufffd, and U+2028 and U+2029 escaped because JavaScript reads them as
// line ends.
func appendJSONString(dst []byte, s string) []byte {
	const hex = "0123456789abcdef"
	dst = append(dst, '"')
	start := 0
	for i := 0; i < len(s); {
		b := s[i]
		if b < utf8.RuneSelf {
			if b >= 0x20 && b != '"' && b != '\\' {
				i++
				continue
			}
			dst = append(dst, s[start:i]...)
			switch b {
			case '"', '\\':
				dst = append(dst, '\\', b)
			case '\b':
				dst = append(dst, '\\', 'b')
			case '\f':
				dst = append(dst, '\\', 'f')
			case '\n':
				dst = append(dst, '\\', 'n')
			case '\r':
				dst = append(dst, '\\', 'r')
			case '\t':
				dst = append(dst, '\\', 't')
			default:
				dst = append(dst, '\\', 'u', '0', '0', hex[b>>4], hex[b&0xf])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			dst = append(dst, s[start:i]...)
			dst = append(dst, `\ufffd`...)
		case r == '\u2028' || r == '\u2029':
			dst = append(dst, s[start:i]...)
			dst = append(dst, '\\', 'u', '2', '0', '2', hex[r&0xf])
		default:
			i += size
			continue
		}
		i += size
		start = i
	}
	dst = append(dst, s[start:]...)
	return append(dst, '"')
}
