package reporters

import (
	"bufio"
	"io"
	"strings"

	"github.com/infragate/infragate/engine"
)

// ANSI colours for level words.
const (
	ansiRed    = "\x1b[31m"
	ansiYellow = "\x1b[33m"
	ansiCyan   = "\x1b[36m"
	ansiBold   = "\x1b[1m"
	ansiReset  = "\x1b[0m"
)

// Text writes findings grouped by file, one line each:
//
//	file:line: LEVEL [id] message (note) (waived: reason)
//
// followed by a summary line. Lines of a multi-line message are indented so
// that they cannot pass for findings; control characters are escaped.
func Text(w io.Writer, r *engine.Report, opts Options) error {
	bw := bufio.NewWriter(w)
	prev := ""
	for i, f := range sorted(r) {
		if i > 0 && f.File != prev {
			bw.WriteString("\n")
		}
		prev = f.File
		bw.WriteString(textLine(f, opts.Color))
		bw.WriteString("\n")
	}
	if r != nil && len(r.Deleted) > 0 {
		if len(r.Findings) > 0 {
			bw.WriteString("\n")
		}
		bw.WriteString("deleted, not evaluated: " + oneLine(strings.Join(r.Deleted, ", ")) + "\n")
	}
	if r != nil && (len(r.Findings) > 0 || len(r.Deleted) > 0) {
		bw.WriteString("\n")
	}
	bw.WriteString(summaryLine(summary(r)) + "\n")
	return bw.Flush()
}

// textLine renders one finding for the text format.
func textLine(f engine.Finding, color bool) string {
	var b strings.Builder
	b.WriteString(oneLine(location(f)))
	b.WriteString(": ")
	b.WriteString(levelWord(f, color))
	b.WriteString(" [")
	b.WriteString(oneLine(f.RuleID()))
	b.WriteString("] ")
	b.WriteString(indentLines(message(f), "    "))
	if f.Note != "" {
		b.WriteString(" (" + oneLine(f.Note) + ")")
	}
	if f.Waiver != nil {
		b.WriteString(" (" + oneLine(waiverText(f.Waiver)) + ")")
	}
	return b.String()
}

// levelWord is the upper-case level, coloured when asked.
func levelWord(f engine.Finding, color bool) string {
	word := strings.ToUpper(string(f.Level))
	if word == "" {
		word = "FAILURE"
	}
	if !color {
		return word
	}
	c := ansiRed
	switch classify(f) {
	case classWarning:
		c = ansiYellow
	case classNotice:
		c = ansiCyan
	}
	return ansiBold + c + word + ansiReset
}

// indentLines escapes control characters and indents every line after the
// first with prefix.
func indentLines(s, prefix string) string {
	s = strings.TrimRight(strings.ReplaceAll(s, "\r\n", "\n"), "\n")
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = oneLine(l)
	}
	return strings.Join(lines, "\n"+prefix)
}
