package parsers

import (
	"bytes"
	"fmt"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// DotenvParser reads dotenv files (.env, .env.*, *.env) into conftest's
// shape: one document, an object of the variables' string values. It
// reads them as github.com/subosito/gotenv's StrictParse does (conftest's
// dotenv reader), rule for rule:
//
//   - lines break at LF, CR or CRLF; blank lines and lines starting with #
//     are skipped; `export ` before a name is allowed;
//   - a name is letters, digits, _ and .; it is followed by `=` (blanks
//     around it allowed) or by `:` and a blank;
//   - a value in single quotes is taken as written; one in double quotes
//     may span lines, has \n and \r turned into line breaks and other
//     backslashes removed; an unquoted value ends at # and is trimmed;
//   - $NAME, ${NAME} (upper-case names) in unquoted and double-quoted
//     values are replaced; \$ is a literal $;
//   - a repeated name keeps its last value.
//
// One difference on purpose: gotenv fills $NAME from the environment of
// the process that reads the file before the file's own variables, so
// conftest's input depends on the machine it runs on (and could carry a
// CI secret into a policy's messages). Here $NAME is only a variable set
// earlier in the same file, else empty, as for an unset one.
type DotenvParser struct {
	Limits Limits
}

// ContentOnly is true: the documents depend on the bytes alone.
func (p *DotenvParser) ContentOnly() bool { return true }

var (
	// dotenvLine is one variable: optional export, a name, = or ": ",
	// a value quoted with ' or " (which may hold line breaks) or
	// unquoted up to a #, then an optional comment.
	dotenvLine = regexp.MustCompile(`\A\s*(?:export\s+)?([\w.]+)(?:\s*=\s*|:\s+?)('[\s\S]*'|"[\s\S]*"|[^#\n]+)?\s*(?:#.*)?\z`)
	// dotenvRef is a possible variable reference in a value, maybe
	// escaped with a backslash.
	dotenvRef = regexp.MustCompile(`(\\)?(\$)(\{?([A-Z0-9_]+)?\}?)`)
	// dotenvName takes the name out of a reference.
	dotenvName = regexp.MustCompile(`(\$)(\{?([A-Z0-9_]+)\}?)`)
	// dotenvEscape is a backslash before anything but $.
	dotenvEscape = regexp.MustCompile(`\\([^$])`)
)

// Parse implements Parser. Source map: a variable maps to its line (the
// lines of a quoted value over several lines; a repeated name to its last
// assignment). A blank file is {}, as for conftest.
func (p *DotenvParser) Parse(filename string, src []byte) (docs []Document, err error) {
	defer guard(filename, &err)
	src, _, err = textOf(filename, src)
	if err != nil {
		return nil, err
	}
	lines := dotenvSplit(src)
	env := map[string]string{}
	sm := &SourceMap{}
	for i := 0; i < len(lines); i++ {
		first := lines[i]
		line := strings.TrimSpace(first.text)
		if line == "" || line[0] == '#' {
			continue
		}
		col := utf8.RuneCountInString(first.text[:len(first.text)-len(strings.TrimLeftFunc(first.text, unicode.IsSpace))]) + 1
		// A quoted value not closed on its line goes on until a line
		// with the quote.
		quote := ""
		idx := strings.Index(line, "=")
		if idx == -1 {
			idx = strings.Index(line, ":")
		}
		if idx > 0 && idx < len(line)-1 {
			val := strings.TrimSpace(line[idx+1:])
			if val[0] == '"' || val[0] == '\'' {
				quote = val[:1]
				// (gotenv's test, offsets and all: a closing quote
				// after a backslash does not count.)
				if j := strings.LastIndex(strings.TrimSpace(val[1:]), quote); j >= 0 && val[j] != '\\' {
					quote = ""
				}
			}
		}
		last := i
		for quote != "" && last+1 < len(lines) {
			last++
			l := lines[last].text
			line += "\n" + l
			j := strings.LastIndex(l, quote)
			if j > 0 && l[j-1] == '\\' {
				continue
			}
			if j >= 0 {
				quote = ""
			}
		}
		if quote != "" {
			return nil, &ParseError{File: filename, Line: first.line, Col: col,
				Msg: fmt.Sprintf("missing quotes: the value's %s is not closed", quote)}
		}
		key, ok, msg := dotenvAssign(line, env)
		if !ok {
			return nil, &ParseError{File: filename, Line: first.line, Col: col, Msg: msg}
		}
		end := lines[last]
		sm.Set(Path{key}, Range{StartLine: first.line, StartCol: col, EndLine: end.line,
			EndCol: utf8.RuneCountInString(strings.TrimRightFunc(end.text, unicode.IsSpace)) + 1})
		i = last
	}
	value := make(map[string]any, len(env))
	for k, v := range env {
		value[k] = v
	}
	whole := Range{StartLine: 1, EndLine: lineCount(src)}
	sm.Set(Path{}, whole)
	return []Document{{Value: value, Range: whole, Map: sm}}, nil
}

// dotenvAssign reads one variable's line (with the lines of its quoted
// value) into env and returns its name, or why it is not a variable.
func dotenvAssign(s string, env map[string]string) (key string, ok bool, msg string) {
	m := dotenvLine.FindStringSubmatch(s)
	if m == nil {
		st := strings.TrimSpace(s)
		if strings.HasPrefix(st, "export") {
			if vs := strings.SplitN(st, " ", 2); len(vs) > 1 && !dotenvSet(env, vs[1]) {
				return "", false, fmt.Sprintf("line `%s` has an unset variable", st)
			}
		}
		return "", false, fmt.Sprintf("line `%s` doesn't match format: want NAME=value", s)
	}
	key = strings.TrimSpace(m[1])
	val := strings.TrimSpace(m[2])
	single, double := false, false
	if n := len(val); n >= 2 {
		double = val[0] == '"' && val[n-1] == '"'
		single = val[0] == '\'' && val[n-1] == '\''
		if single || double {
			val = val[1 : n-1]
		}
	}
	if double {
		val = strings.ReplaceAll(val, `\n`, "\n")
		val = strings.ReplaceAll(val, `\r`, "\r")
		val = dotenvEscape.ReplaceAllString(val, "$1")
	}
	if !single {
		val = dotenvRef.ReplaceAllStringFunc(val, func(ref string) string {
			if ref[0] == '\\' {
				return ref[1:]
			}
			n := dotenvName.FindStringSubmatch(ref)
			if n == nil {
				return ref
			}
			return env[n[3]] // the file's own variables only; unset is empty
		})
	}
	env[key] = val
	return key, true, ""
}

func dotenvSet(env map[string]string, name string) bool {
	_, ok := env[name]
	return ok
}

// dotenvText is one line of a dotenv file: its text without the line
// break and its line number (counting LFs, as the rest of infragate does;
// a lone CR also ends a line for the reader).
type dotenvText struct {
	text string
	line int
}

// dotenvSplit splits src at LF, CR and CRLF.
func dotenvSplit(src []byte) []dotenvText {
	var out []dotenvText
	line := 1
	for len(src) > 0 {
		i := bytes.IndexAny(src, "\r\n")
		if i < 0 {
			out = append(out, dotenvText{string(src), line})
			break
		}
		out = append(out, dotenvText{string(src[:i]), line})
		n := 1
		if src[i] == '\r' && i+1 < len(src) && src[i+1] == '\n' {
			n = 2
		}
		if src[i+n-1] == '\n' {
			line++
		}
		src = src[i+n:]
	}
	return out
}
