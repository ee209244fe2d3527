// Package reporters turns an evaluation report into the formats people and
// CI systems read: text for a terminal, JSON for tools, GitHub workflow
// commands, SARIF for code scanning, JUnit XML for test report widgets,
// GitLab Code Quality, Markdown for pull request comments and job summaries,
// TAP and an aligned table.
//
// Every reporter is a plain function of the report: it never mutates the
// caller's report, sorts findings in the canonical engine order and prints
// the same bytes for the same input. Strings that come from files under
// review or from policies are escaped for the format they land in.
package reporters

import (
	"bufio"
	"fmt"
	"io"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/infragate/infragate/engine"
	"github.com/infragate/infragate/internal/markdown"
)

// Options tunes the reporters. The zero value is a sensible default.
type Options struct {
	// Color turns on ANSI colours for level words (text and table only).
	// Callers decide: a terminal, and neither --no-color nor NO_COLOR.
	Color bool
	// ToolVersion is infragate's version, published in SARIF and JUnit.
	ToolVersion string
	// Root is the directory that relative file URIs are taken from: an
	// absolute finding path under Root is made relative to it in SARIF and
	// GitLab reports. Findings' paths are normally relative already.
	Root string
	// Base is the working directory's path from the repository root
	// (slash-separated; "" at the root). The formats that name files of
	// the repository to a forge (github annotations, SARIF, GitLab Code
	// Quality) put it in front of relative finding paths, which are
	// relative to the working directory, so that a check run from a
	// subdirectory annotates the right files.
	Base string
	// MaxAnnotations caps the number of GitHub workflow-command annotations
	// (most severe first); 0 means no cap. The summary line says how many
	// were left out.
	MaxAnnotations int
	// Markdown configures the markdown format.
	Markdown MarkdownOptions
}

// Func writes one format.
type Func func(w io.Writer, r *engine.Report, opts Options) error

// formats maps each output format name to its reporter.
func formats() map[string]Func {
	return map[string]Func{
		"github":   GitHub,
		"gitlab":   GitLab,
		"json":     JSON,
		"junit":    JUnit,
		"markdown": Markdown,
		"sarif":    SARIF,
		"table":    Table,
		"tap":      TAP,
		"text":     Text,
	}
}

// Formats returns the names of the output formats, sorted.
func Formats() []string {
	m := formats()
	names := make([]string, 0, len(m))
	for name := range m {
		names = append(names, name)
	}
	sort.Strings(names)
	return names
}

// Write writes r to w in the named format.
func Write(w io.Writer, format string, r *engine.Report, opts Options) error {
	f, ok := formats()[format]
	if !ok {
		return fmt.Errorf("unknown output format %q (known: %s)", format, strings.Join(Formats(), ", "))
	}
	bw := bufio.NewWriterSize(w, 64<<10)
	d := &defuser{w: bw, format: format}
	if err := f(d, r, opts); err != nil {
		return err
	}
	if err := d.Close(); err != nil {
		return err
	}
	return bw.Flush()
}

// ParseOutputSpec splits an output flag value of the form "format" or
// "format=file" (as in `-o sarif=results.sarif`). file is empty when the
// output goes to standard output. The format must be a known one.
func ParseOutputSpec(spec string) (format, file string, err error) {
	format, file, hasFile := strings.Cut(spec, "=")
	format = strings.TrimSpace(format)
	if format == "stdout" {
		format = "text" // conftest's name for it
	}
	if format == "" {
		return "", "", fmt.Errorf("output %q: missing format (known: %s)", spec, strings.Join(Formats(), ", "))
	}
	if _, ok := formats()[format]; !ok {
		return "", "", fmt.Errorf("unknown output format %q (known: %s)", format, strings.Join(Formats(), ", "))
	}
	if hasFile && file == "" {
		return "", "", fmt.Errorf("output %q: missing file name after '='", spec)
	}
	return format, file, nil
}

// sorted returns the report's findings in canonical order.
//
// Reporters only read the findings, so a report already in order (as
// every report from `check` and `gate` is) is used as it is, without a
// copy: a large report is not held twice.
func sorted(r *engine.Report) []engine.Finding {
	if r == nil {
		return nil
	}
	if sort.SliceIsSorted(r.Findings, func(i, j int) bool { return engine.Less(r.Findings[i], r.Findings[j]) }) {
		return r.Findings
	}
	fs := make([]engine.Finding, len(r.Findings))
	copy(fs, r.Findings)
	sort.SliceStable(fs, func(i, j int) bool { return engine.Less(fs[i], fs[j]) })
	return fs
}

// summary returns the report's summary (zero for a nil report).
func summary(r *engine.Report) engine.Summary {
	if r == nil {
		return engine.Summary{}
	}
	return r.Summary
}

// class is how a reporter presents a finding, decided once for all formats.
type class int

const (
	// classError: a failure that counts against the verdict.
	classError class = iota
	// classWarning: a warning.
	classWarning
	// classNotice: an exception, a waived finding or a failure that does
	// not block (advisory).
	classNotice
)

// classify decides how a finding is presented. Blocking failures are
// errors; exceptions, waived findings and failures that do not block are
// notices; warnings stay warnings.
func classify(f engine.Finding) class {
	switch {
	case f.Level == engine.LevelException, waived(f):
		return classNotice
	case f.Level == engine.LevelWarning:
		return classWarning
	case f.Level == engine.LevelFailure && !f.Blocking:
		return classNotice
	default:
		return classError
	}
}

// waived reports whether an unexpired waiver applies to f.
func waived(f engine.Finding) bool { return f.Waiver != nil && !f.Waiver.Expired }

// message is the finding's message, never empty.
// A finding with an origin (a kustomization's document, whose value is
// written in a base or a patch) names it after the message.
func message(f engine.Finding) string {
	var msg string
	switch {
	case strings.TrimSpace(f.Message) != "":
		msg = f.Message
	case f.Title != "":
		msg = f.Title
	default:
		msg = f.RuleID()
	}
	if o := f.Origin; o != nil {
		msg += " (from " + location(engine.Finding{File: o.File, StartLine: o.StartLine, EndLine: o.EndLine}) + ")"
	}
	return msg
}

// endLine is the finding's last line, at least its first.
func endLine(f engine.Finding) int {
	if f.EndLine < f.StartLine {
		return f.StartLine
	}
	return f.EndLine
}

// location renders file:line or file:line-end ("file" alone without a line).
func location(f engine.Finding) string {
	file := f.File
	if file == "" {
		file = "(no file)"
	}
	switch {
	case f.StartLine <= 0:
		return file
	case endLine(f) != f.StartLine:
		return fmt.Sprintf("%s:%d-%d", file, f.StartLine, endLine(f))
	default:
		return fmt.Sprintf("%s:%d", file, f.StartLine)
	}
}

// waiverText describes a waiver in one line.
func waiverText(w *engine.Waiver) string {
	var b strings.Builder
	if w.Expired {
		b.WriteString("waiver expired")
	} else {
		b.WriteString("waived")
	}
	if w.Reason != "" {
		b.WriteString(": ")
		b.WriteString(w.Reason)
	}
	var extra []string
	if w.Owner != "" {
		extra = append(extra, "owner "+w.Owner)
	}
	if w.Expires != "" {
		extra = append(extra, "expires "+w.Expires)
	}
	switch {
	case w.Source == "inline" && w.Line > 0:
		// Not "inline:4", which reads as a file named inline.
		extra = append(extra, fmt.Sprintf("inline waiver on line %d", w.Line))
	case w.Source != "":
		src := w.Source
		if w.Line > 0 {
			src = fmt.Sprintf("%s:%d", src, w.Line)
		}
		extra = append(extra, "from "+src)
	}
	if len(extra) > 0 {
		b.WriteString(" (" + strings.Join(extra, ", ") + ")")
	}
	return b.String()
}

// oneLine folds newlines into spaces and writes other control characters
// and bytes that are not UTF-8 as \xNN, so that a message cannot forge
// extra lines in line-oriented formats nor reach a terminal as an escape
// sequence.
func oneLine(s string) string { return escapeControls(s, true) }

// escapeControls writes control characters other than tab (see isControl)
// and bytes that are not UTF-8 as \xNN (bidirectional formatting
// characters as \uXXXX); with fold, \r and \n become
// spaces instead. A lone byte such as 0x9b, which Linux allows in file
// names, is CSI to a terminal that reads 8-bit control codes.
func escapeControls(s string, fold bool) string {
	if utf8.ValidString(s) && !strings.ContainsFunc(s, isControl) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case fold && (r == '\r' || r == '\n'):
			b.WriteByte(' ')
		case r == utf8.RuneError && size == 1:
			fmt.Fprintf(&b, "\\x%02x", s[i])
		case isControl(r) && r > 0xff:
			fmt.Fprintf(&b, "\\u%04x", r)
		case isControl(r):
			fmt.Fprintf(&b, "\\x%02x", r)
		default:
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	return b.String()
}

// isControl reports C0 and C1 control characters except tab, and the
// bidirectional formatting characters (written \uXXXX), so that a value
// cannot reorder how a message displays.
func isControl(r rune) bool { return markdown.IsControl(r) || markdown.IsBidi(r) }

// summaryLine is the one-line summary used by the text-like formats.
func summaryLine(s engine.Summary) string {
	parts := []string{
		plural(s.Files, "file"),
		plural(s.Documents, "document"),
		plural(s.Failures, "failure"),
		plural(s.Warnings, "warning"),
		plural(s.Exceptions, "exception"),
	}
	for _, extra := range []struct {
		n    int
		noun string
	}{{s.Errors, "error"}, {s.Waived, "waived"}, {s.Suppressed, "suppressed"}, {s.Blocking, "blocking"}} {
		if extra.n == 0 {
			continue
		}
		if extra.noun == "error" {
			parts = append(parts, plural(extra.n, "error"))
		} else {
			parts = append(parts, fmt.Sprintf("%d %s", extra.n, extra.noun))
		}
	}
	return strings.Join(parts, ", ")
}

func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

// inRepository is a finding's file as a path from the repository root
// (see Options.Base): a relative path with base in front, when that stays
// inside the repository; any other path as it is.
func inRepository(file, base string) string {
	if base == "" || file == "" || file == "-" || filepath.IsAbs(file) {
		return file
	}
	p := path.Join(base, filepath.ToSlash(file))
	if !filepath.IsLocal(p) {
		return file
	}
	return p
}
