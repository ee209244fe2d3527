// Package baseline records the findings a repository already has, so that a
// gate can block only what a change adds ("infragate baseline write", then
// "infragate check --baseline FILE").
//
// # Fingerprints
//
// A baseline entry is matched by its fingerprint (Fingerprint): the SHA-256
// of the rule id, the file, and the identity of the offending object: the
// finding's Resource (a Terraform address such as aws_s3_bucket.logs, a
// Kubernetes kind/namespace/name, or a JSON pointer), else its data Path
// within its document, else its message within its document.
//
// Line and column numbers are deliberately left out: an edit above a
// finding moves it without changing what is wrong, and a baseline keyed on
// lines would resurface every old finding below any edit. The file and the
// resource are kept in, so an entry never hides the same rule failing in
// another file or on another resource.
//
// # Matching
//
// Several findings can share a fingerprint (one rule reporting two problems
// on one resource). Apply treats the baseline as a multiset: each entry
// suppresses at most one finding, preferring a finding with the same
// message, so a second, new problem on a baselined resource is still
// reported. Parse and evaluation errors and exceptions are never recorded or
// suppressed: a baseline must not hide that a file could not be evaluated.
//
// File paths are compared as reported (slash-separated, cleaned): write and
// apply a baseline from the same directory, usually the repository root.
package baseline

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strconv"
	"unicode/utf8"

	"github.com/infragate/infragate/engine"
)

// Version is the baseline file format this package writes and reads.
const Version = 1

// File is a baseline file.
type File struct {
	Version  int     `json:"version"`
	Findings []Entry `json:"findings"`
}

// Entry is one recorded finding. Only Fingerprint and Message take part in
// matching; the other fields are for people reading the file.
type Entry struct {
	Fingerprint string `json:"fingerprint"`
	ID          string `json:"id"`
	File        string `json:"file"`
	Resource    string `json:"resource,omitempty"`
	Message     string `json:"message"`
}

// Fingerprint identifies a finding independently of line numbers; see the
// package documentation. It is a lowercase hex SHA-256.
func Fingerprint(f engine.Finding) string {
	fields := []string{"infragate/v1", f.RuleID(), FileKey(f.File)}
	switch {
	case f.Resource != "":
		fields = append(fields, "resource", f.Resource)
	case f.Path != "":
		// Without a resource identity, the document index keeps two
		// documents of one file apart.
		fields = append(fields, "path", f.Path, strconv.Itoa(f.Document))
	default:
		fields = append(fields, "message", f.Message, strconv.Itoa(f.Document))
	}
	return HashFields(fields...)
}

// HashFields is the lowercase hex SHA-256 of the fields, each prefixed by
// its length so that no field's content can imitate a boundary.
func HashFields(fields ...string) string {
	h := sha256.New()
	for _, s := range fields {
		var n [8]byte
		binary.BigEndian.PutUint64(n[:], uint64(len(s)))
		h.Write(n[:])
		h.Write([]byte(s))
	}
	return hex.EncodeToString(h.Sum(nil))
}

// FileKey is a file name as fingerprints take it: slash-separated, clean.
func FileKey(name string) string {
	if name == "" {
		return ""
	}
	return path.Clean(filepath.ToSlash(name))
}

// recordable reports whether a finding belongs in a baseline.
func recordable(f engine.Finding) bool {
	return !f.IsError() && (f.Level == engine.LevelFailure || f.Level == engine.LevelWarning)
}

// FromReport builds a baseline of the report's failures and warnings,
// sorted by file, id, resource, message and fingerprint.
func FromReport(r *engine.Report) *File {
	b := &File{Version: Version, Findings: []Entry{}}
	if r == nil {
		return b
	}
	for _, f := range r.Findings {
		if !recordable(f) {
			continue
		}
		b.Findings = append(b.Findings, Entry{
			Fingerprint: Fingerprint(f),
			ID:          f.RuleID(),
			File:        FileKey(f.File),
			Resource:    f.Resource,
			Message:     f.Message,
		})
	}
	sort.Slice(b.Findings, func(i, j int) bool {
		x, y := b.Findings[i], b.Findings[j]
		if x.File != y.File {
			return x.File < y.File
		}
		if x.ID != y.ID {
			return x.ID < y.ID
		}
		if x.Resource != y.Resource {
			return x.Resource < y.Resource
		}
		if x.Message != y.Message {
			return x.Message < y.Message
		}
		return x.Fingerprint < y.Fingerprint
	})
	return b
}

// Write writes the baseline of a report (see FromReport) as indented JSON
// ending in a newline. The same findings always give the same bytes.
func Write(w io.Writer, r *engine.Report) error {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(FromReport(r)); err != nil {
		return err
	}
	_, err := w.Write(buf.Bytes())
	return err
}

// Error is a baseline file that cannot be used: what is wrong and, when
// known, where (Line and Col are 1-based; 0 when unknown).
type Error struct {
	File string // the file's name; "" when Decode was given bytes only
	Line int
	Col  int
	Msg  string
}

func (e *Error) Error() string {
	var pos string
	switch {
	case e.Line > 0 && e.Col > 0:
		pos = fmt.Sprintf("%d:%d", e.Line, e.Col)
	case e.Line > 0:
		pos = strconv.Itoa(e.Line)
	}
	switch {
	case e.File != "" && pos != "":
		return e.File + ":" + pos + ": " + e.Msg
	case e.File != "":
		return e.File + ": " + e.Msg
	case pos != "":
		return "line " + pos + ": " + e.Msg
	}
	return e.Msg
}

// Load reads a baseline file. A file that cannot be used is an *Error
// that names the file and, when it can, the line and column.
func Load(name string) (*File, error) {
	data, err := os.ReadFile(name)
	if err != nil {
		return nil, fmt.Errorf("baseline: %w", err)
	}
	b, err := Decode(data)
	if err != nil {
		var e *Error
		if errors.As(err, &e) {
			e.File = name
		}
		return nil, err
	}
	return b, nil
}

// Decode parses and checks the content of a baseline file. Its errors are
// *Error, placed at a line (and column) of data when that is known.
func Decode(data []byte) (*File, error) {
	var b File
	dec := json.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&b); err != nil {
		return nil, jsonError(data, err)
	}
	if dec.More() {
		line, col := position(data, skipSpace(data, dec.InputOffset()))
		return nil, &Error{Line: line, Col: col, Msg: "unexpected data after the JSON object"}
	}
	version, entries := offsets(data)
	switch b.Version {
	case Version:
	case 0:
		return nil, &Error{Msg: `missing "version"; write the file with ` + "`infragate baseline write`"}
	default:
		line, col := position(data, version)
		return nil, &Error{Line: line, Col: col, Msg: fmt.Sprintf("unsupported version %d (this infragate reads version %d); rewrite it with `infragate baseline write` or upgrade infragate", b.Version, Version)}
	}
	for i, e := range b.Findings {
		if !isFingerprint(e.Fingerprint) {
			var line, col int
			if i < len(entries) {
				line, col = position(data, entries[i])
			}
			return nil, &Error{Line: line, Col: col, Msg: fmt.Sprintf("findings[%d] (%s in %s): fingerprint %q is not a hex SHA-256", i, e.ID, e.File, e.Fingerprint)}
		}
	}
	return &b, nil
}

// jsonError places an error of encoding/json in data: a syntax error at
// its character, a value of the wrong type on its line (the decoder
// reports where the value ends, not where it starts).
func jsonError(data []byte, err error) *Error {
	const hint = "; write one with `infragate baseline write`"
	var syntax *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case len(bytes.TrimSpace(data)) == 0:
		return &Error{Msg: "not a baseline file (it is empty)" + hint}
	case errors.Is(err, io.ErrUnexpectedEOF):
		line, col := position(data, int64(len(data)))
		return &Error{Line: line, Col: col, Msg: "not a baseline file (the file ends in the middle of the JSON)" + hint}
	case errors.As(err, &syntax):
		line, col := position(data, max(syntax.Offset-1, 0))
		return &Error{Line: line, Col: col, Msg: fmt.Sprintf("not a baseline file (invalid JSON: %v)", err) + hint}
	case errors.As(err, &typ):
		line, _ := position(data, max(typ.Offset-1, 0))
		return &Error{Line: line, Msg: fmt.Sprintf("not a baseline file (invalid JSON: %v)", err) + hint}
	}
	return &Error{Msg: fmt.Sprintf("not a baseline file (invalid JSON: %v)", err) + hint}
}

// offsets returns where, in a baseline file that decodes, the value of
// "version" and each element of "findings" start (byte offsets; -1 for a
// missing version). As encoding/json does, the last of repeated keys
// counts.
func offsets(data []byte) (version int64, entries []int64) {
	version = -1
	dec := json.NewDecoder(bytes.NewReader(data))
	if t, err := dec.Token(); err != nil || t != json.Delim('{') {
		return version, nil
	}
	for dec.More() {
		key, err := dec.Token()
		if err != nil {
			return version, entries
		}
		start := skipSpace(data, dec.InputOffset())
		if key != "findings" || start >= int64(len(data)) || data[start] != '[' {
			if key == "version" {
				version = start
			}
			var skip json.RawMessage
			if dec.Decode(&skip) != nil {
				return version, entries
			}
			continue
		}
		entries = entries[:0]
		if _, err := dec.Token(); err != nil { // [
			return version, entries
		}
		for dec.More() {
			entries = append(entries, skipSpace(data, dec.InputOffset()))
			var skip json.RawMessage
			if dec.Decode(&skip) != nil {
				return version, entries
			}
		}
		if _, err := dec.Token(); err != nil { // ]
			return version, entries
		}
	}
	return version, entries
}

// skipSpace returns the offset of the first byte at or after off that is
// neither white space nor one of the separators ':' and ','.
func skipSpace(data []byte, off int64) int64 {
	for off < int64(len(data)) {
		switch data[off] {
		case ' ', '\t', '\r', '\n', ':', ',':
			off++
		default:
			return off
		}
	}
	return off
}

// position gives the 1-based line and column (in characters) of byte
// offset off of data; 0, 0 for a negative offset.
func position(data []byte, off int64) (line, col int) {
	if off < 0 {
		return 0, 0
	}
	off = min(off, int64(len(data)))
	before := data[:off]
	lineStart := bytes.LastIndexByte(before, '\n') + 1
	return bytes.Count(before, []byte("\n")) + 1, utf8.RuneCount(before[lineStart:]) + 1
}

func isFingerprint(s string) bool {
	if len(s) != 2*sha256.Size {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f') {
			return false
		}
	}
	return true
}

// Apply removes the report's findings that the baseline records, adds their
// number to r.Summary.Suppressed, recounts the summary, and returns the
// number removed. Each entry suppresses at most one finding; entries are
// first matched to findings with the same message, then to any remaining
// finding with the same fingerprint. Errors and exceptions are kept.
func (b *File) Apply(r *engine.Report) int {
	if b == nil || r == nil || len(b.Findings) == 0 {
		return 0
	}
	type key struct{ fp, msg string }
	exact := map[key]int{}
	byFP := map[string]int{}
	for _, e := range b.Findings {
		exact[key{e.Fingerprint, e.Message}]++
		byFP[e.Fingerprint]++
	}
	fps := make([]string, len(r.Findings))
	drop := make([]bool, len(r.Findings))
	// Pass 1: same fingerprint and message.
	for i, f := range r.Findings {
		if !recordable(f) {
			continue
		}
		fps[i] = Fingerprint(f)
		k := key{fps[i], f.Message}
		if exact[k] > 0 {
			exact[k]--
			byFP[fps[i]]--
			drop[i] = true
		}
	}
	// Pass 2: same fingerprint, message reworded.
	for i, f := range r.Findings {
		if drop[i] || !recordable(f) {
			continue
		}
		if byFP[fps[i]] > 0 {
			byFP[fps[i]]--
			drop[i] = true
		}
	}
	n := 0
	for _, d := range drop {
		if d {
			n++
		}
	}
	if n == 0 {
		return 0
	}
	kept := make([]engine.Finding, 0, len(r.Findings)-n)
	for i, f := range r.Findings {
		if !drop[i] {
			kept = append(kept, f)
		}
	}
	r.Findings = kept
	r.Summary.Suppressed += n
	r.Count()
	return n
}
