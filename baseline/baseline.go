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

// Load reads a baseline file. Errors name the file and say what is wrong.
func Load(name string) (*File, error) {
	data, err := os.ReadFile(name)
	if err != nil {
		return nil, fmt.Errorf("baseline: %w", err)
	}
	b, err := Decode(data)
	if err != nil {
		return nil, fmt.Errorf("baseline %s: %w", name, err)
	}
	return b, nil
}

// Decode parses and checks the content of a baseline file.
func Decode(data []byte) (*File, error) {
	var b File
	dec := json.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&b); err != nil {
		return nil, fmt.Errorf("not a baseline file (invalid JSON: %v); write one with `infragate baseline write`", err)
	}
	if dec.More() {
		return nil, errors.New("unexpected data after the JSON object")
	}
	switch b.Version {
	case Version:
	case 0:
		return nil, errors.New(`missing "version"; write the file with ` + "`infragate baseline write`")
	default:
		return nil, fmt.Errorf("unsupported version %d (this infragate reads version %d); rewrite it with `infragate baseline write` or upgrade infragate", b.Version, Version)
	}
	for i, e := range b.Findings {
		if !isFingerprint(e.Fingerprint) {
			return nil, fmt.Errorf("findings[%d] (%s in %s): fingerprint %q is not a hex SHA-256", i, e.ID, e.File, e.Fingerprint)
		}
	}
	return &b, nil
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
