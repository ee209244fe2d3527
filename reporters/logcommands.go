package reporters

import (
	"bytes"
	"io"
	"strings"
	"unicode"
)

// logCommandPrefixes are what starts a CI log command anywhere in a line:
// GitHub Actions' legacy syntax ("##[set-env ...]"), Azure Pipelines'
// logging commands ("##vso[task.setvariable ...]", "##vso[task.prependpath]")
// and TeamCity's service messages ("##teamcity[setParameter ...]").
func logCommandPrefixes() []string { return []string{"##[", "##vso[", "##teamcity["} }

// defuseLogCommands keeps strings from files and policies from acting as
// CI log commands when a report is printed to a build log. GitHub Actions
// runs a line as a workflow command when, after any leading white space, it
// starts with "::" ("::error::", "::add-mask::", "::stop-commands::"
// which would silence every later annotation). Its legacy syntax, the
// Azure Pipelines agent and TeamCity run a command that starts anywhere in
// a line (logCommandPrefixes). The github format writes real commands (with
// escaped values) and is left alone; every other format gets an escape of
// the prefix's "[" (and of a leading ':') that its readers decode back to
// the same text: JSON's \u005b, XML's character references, Markdown's
// backslash, and the \xNN notation the text formats already use for
// control characters.
func defuseLogCommands(format string, out []byte) []byte {
	var bracket, colon string
	switch format {
	case "github":
		return out
	case "json", "sarif", "gitlab":
		// Pretty-printed JSON lines start with white space and a quote or
		// a bracket; only the prefixes inside strings need escaping.
		bracket = `\u005b`
	case "junit":
		bracket, colon = "&#91;", "&#58;"
	case "markdown":
		bracket, colon = `\[`, `\:`
	default:
		bracket, colon = `\x5b`, `\x3a`
	}
	for _, prefix := range logCommandPrefixes() {
		if bytes.Contains(out, []byte(prefix)) {
			out = bytes.ReplaceAll(out, []byte(prefix), []byte(prefix[:len(prefix)-1]+bracket))
		}
	}
	if colon == "" || !hasColonLine(out) {
		return out
	}
	var b bytes.Buffer
	for len(out) > 0 {
		line := out
		if i := bytes.IndexByte(out, '\n'); i >= 0 {
			line = out[:i+1]
		}
		out = out[len(line):]
		rest := bytes.TrimLeftFunc(line, unicode.IsSpace)
		if bytes.HasPrefix(rest, []byte("::")) {
			b.Write(line[:len(line)-len(rest)])
			b.WriteString(colon)
			b.Write(rest[1:])
			continue
		}
		b.Write(line)
	}
	return b.Bytes()
}

// hasColonLine reports whether a line of out starts with "::" after white
// space, which most reports have none of.
func hasColonLine(out []byte) bool {
	for i := 0; ; {
		rest := bytes.TrimLeftFunc(out[i:], unicode.IsSpace)
		if bytes.HasPrefix(rest, []byte("::")) {
			return true
		}
		j := bytes.IndexByte(out[i:], '\n')
		if j < 0 {
			return false
		}
		i += j + 1
	}
}

// defuser applies defuseLogCommands to what is written through it, whole
// lines at a time (both of its escapes are within a line), so that a
// report goes out as it is written instead of being held whole first.
// Close writes the last, unterminated line.
type defuser struct {
	w      io.Writer
	format string
	tail   []byte // the unfinished last line
}

func (d *defuser) Write(p []byte) (int, error) {
	i := bytes.LastIndexByte(p, '\n')
	if i < 0 {
		d.tail = append(d.tail, p...)
		return len(p), nil
	}
	lines := p[:i+1]
	if len(d.tail) > 0 {
		lines = append(d.tail, lines...)
	}
	if _, err := d.w.Write(defuseLogCommands(d.format, lines)); err != nil {
		return 0, err
	}
	d.tail = append(d.tail[:0], p[i+1:]...)
	return len(p), nil
}

func (d *defuser) Close() error {
	if len(d.tail) == 0 {
		return nil
	}
	_, err := d.w.Write(defuseLogCommands(d.format, d.tail))
	d.tail = nil
	return err
}

// LogSafe makes a message for a build log (standard error, the gate's log)
// safe to print when it holds text from files or policies: control
// characters other than newline and tab, and bytes that are not UTF-8,
// are written \xNN, and CI log commands are defused as in the text
// format (a line starting with "::", "##vso[" anywhere...).
func LogSafe(s string) string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = escapeControls(l, false)
	}
	return string(defuseLogCommands("text", []byte(strings.Join(lines, "\n"))))
}

// LogSafeLine is LogSafe for text that must stay on one line (a file
// name): newlines are written \x0a too.
func LogSafeLine(s string) string {
	return string(defuseLogCommands("text", []byte(escapeControls(s, false))))
}
