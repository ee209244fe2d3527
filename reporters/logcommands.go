package reporters

import (
	"bytes"
	"unicode"
)

// defuseLogCommands keeps strings from files and policies from acting as
// CI log commands when a report is printed to a build log. GitHub Actions
// runs a line as a workflow command when, after any leading white space, it
// starts with "::" ("::error::", "::add-mask::", "::stop-commands::"
// which would silence every later annotation), and, in the legacy syntax,
// when "##[" appears anywhere in the line. The github format writes real
// commands (with escaped values) and is left alone; every other format
// gets an escape that its readers decode back to the same text: JSON's
// \u005b, XML's character references, Markdown's backslash, and the \xNN
// notation the text formats already use for control characters.
func defuseLogCommands(format string, out []byte) []byte {
	var legacy, colon string
	switch format {
	case "github":
		return out
	case "json", "sarif", "gitlab":
		// Pretty-printed JSON lines start with white space and a quote or
		// a bracket; only "##[" inside strings needs escaping.
		legacy = `##\u005b`
	case "junit":
		legacy, colon = "##&#91;", "&#58;"
	case "markdown":
		legacy, colon = `##\[`, `\:`
	default:
		legacy, colon = `##\x5b`, `\x3a`
	}
	out = bytes.ReplaceAll(out, []byte("##["), []byte(legacy))
	if colon == "" {
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
