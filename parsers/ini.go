package parsers

import (
	"bytes"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/go-ini/ini"
)

// INIParser reads INI files into conftest's shape: one document, an
// object of sections, each an object of its keys. The sections and keys
// are those github.com/go-ini/ini (the library conftest reads INI with)
// finds with its default options: `;` and `#` start comments (also after a
// value), a key and its value are split at the first `=` or `:`, a value
// ending in `\` continues on the next line, `"""` and backquotes quote a
// value over several lines, a repeated section adds to the first and a
// repeated key keeps its last value, `- = v` is an auto-numbered key (#1,
// #2...). Keys before any section and those of a [DEFAULT] section are
// left out, as conftest leaves them out.
//
// As in conftest, a value that strconv.ParseFloat reads is a number
// ("8080", "1.5", "1e3", "0x1p4", "-3"), else one that strconv.ParseBool
// reads is a boolean ("true", "False", "t", "F"; "1" and "0" are
// numbers), else a string ("yes", "on", "0x10"). Unlike conftest, "inf"
// and "nan" stay strings: JSON cannot hold the numbers, and conftest fails
// on the whole file.
type INIParser struct {
	Limits Limits
}

// ContentOnly is true: the documents depend on the bytes alone.
func (p *INIParser) ContentOnly() bool { return true }

// Parse implements Parser. Source map: a section maps from its (first)
// header to its last key, a key to its line or lines (a continued or
// quoted multi-line value). A blank file is {}, as for conftest.
func (p *INIParser) Parse(filename string, src []byte) (docs []Document, err error) {
	defer guard(filename, &err)
	src, _, err = textOf(filename, src)
	if err != nil {
		return nil, err
	}
	places, scanErr := scanINI(src)
	if scanErr != nil {
		return nil, &ParseError{File: filename, Line: scanErr.line, Col: scanErr.col, Msg: scanErr.msg}
	}
	cfg, err := ini.Load(src)
	if err != nil {
		// The scan above finds what the library refuses; this is a net.
		return nil, &ParseError{File: filename, Line: 1, Msg: err.Error()}
	}
	whole := Range{StartLine: 1, EndLine: lineCount(src)}
	sm := &SourceMap{}
	sm.Set(Path{}, whole)
	value := map[string]any{}
	for _, s := range cfg.Sections() {
		name := s.Name()
		if name == ini.DefaultSection {
			continue
		}
		sec := map[string]any{}
		for k, v := range s.KeysHash() {
			sec[k] = iniScalar(v)
			if r, ok := places.keys[iniKey{name, k}]; ok {
				sm.Set(Path{name, k}, r)
			}
		}
		value[name] = sec
		if r, ok := places.sections[name]; ok {
			sm.Set(Path{name}, r)
		}
	}
	return []Document{{Value: value, Range: whole, Map: sm}}, nil
}

// iniScalar types a value as conftest does.
func iniScalar(v string) any {
	if f, err := strconv.ParseFloat(v, 64); err == nil {
		if f-f != 0 { // inf or nan
			return v
		}
		return f
	}
	if b, err := strconv.ParseBool(v); err == nil {
		return b
	}
	return v
}

type iniKey struct{ section, key string }

// iniPlaces are the ranges of an INI file's sections and keys.
type iniPlaces struct {
	sections map[string]Range
	keys     map[iniKey]Range
}

type iniError struct {
	line, col int
	msg       string
}

// scanINI finds the lines of an INI file's sections and keys, reading it
// line by line as go-ini does (its refusals too, with their lines: the
// library names no line).
func scanINI(src []byte) (*iniPlaces, *iniError) {
	pl := &iniPlaces{sections: map[string]Range{}, keys: map[iniKey]Range{}}
	// The library reads up to and including each '\n'; the last read
	// (empty when the file ends with a line break) meets the end.
	reads := bytes.SplitAfter(src, []byte{'\n'})
	section := ini.DefaultSection
	count := 1 // the next auto-numbered key of the section
	var open string
	for i := 0; i < len(reads); i++ {
		lineNo := i + 1
		line := bytes.TrimLeftFunc(reads[i], unicode.IsSpace)
		if len(line) == 0 || line[0] == '#' || line[0] == ';' {
			continue
		}
		col := utf8.RuneCount(reads[i][:len(reads[i])-len(line)]) + 1
		if line[0] == '[' {
			end := bytes.LastIndexByte(line, ']')
			if end < 0 {
				return nil, &iniError{lineNo, col, fmt.Sprintf("unclosed section: %s", strings.TrimRight(string(line), "\r\n"))}
			}
			name := string(line[1:end])
			if name == "" {
				return nil, &iniError{lineNo, col, "empty section name"}
			}
			section, count = name, 1
			open = ""
			if _, ok := pl.sections[name]; !ok {
				pl.sections[name] = iniLineRange(reads, i, i, col)
				open = name
			}
			continue
		}
		name, offset, err := iniKeyName(string(line))
		if err != nil {
			return nil, &iniError{lineNo, col, err.Error()}
		}
		if name == "-" {
			name = "#" + strconv.Itoa(count)
			count++
		}
		last, err := iniValueEnd(reads, i, string(line[offset:]))
		if err != nil {
			return nil, &iniError{lineNo, col, err.Error()}
		}
		pl.keys[iniKey{section, name}] = iniLineRange(reads, i, last, col)
		if open != "" {
			r := pl.sections[open]
			e := iniLineRange(reads, last, last, 1)
			r.EndLine, r.EndCol = e.EndLine, e.EndCol
			pl.sections[open] = r
		}
		i = last
	}
	return pl, nil
}

// iniLineRange is the range from column col of read first to the end of
// the text of read last (0-based reads).
func iniLineRange(reads [][]byte, first, last, col int) Range {
	text := bytes.TrimRightFunc(reads[last], unicode.IsSpace)
	return Range{StartLine: first + 1, StartCol: col, EndLine: last + 1, EndCol: utf8.RuneCount(text) + 1}
}

// iniKeyName splits a key line (left-trimmed, with its line break) as
// go-ini does: the key name, quoted with ", """ or ` or not, and the
// offset after the delimiter.
func iniKeyName(line string) (string, int, error) {
	const delims = "=:"
	quote := ""
	switch {
	case strings.HasPrefix(line, `"""`) && len(line) > 6:
		quote = `"""`
	case line[0] == '"':
		quote = `"`
	case line[0] == '`':
		quote = "`"
	}
	if quote != "" {
		n := len(quote)
		end := strings.Index(line[n:], quote)
		if end < 0 {
			return "", -1, fmt.Errorf("missing closing key quote: %s", strings.TrimRight(line, "\r\n"))
		}
		end += n
		d := strings.IndexAny(line[end+n:], delims)
		if d < 0 {
			return "", -1, fmt.Errorf("key-value delimiter not found: %s", strings.TrimRight(line, "\r\n"))
		}
		return strings.TrimSpace(line[n:end]), end + n + d + 1, nil
	}
	d := strings.IndexAny(line, delims)
	switch {
	case d < 0:
		return "", -1, fmt.Errorf("key-value delimiter not found: %s", strings.TrimRight(line, "\r\n"))
	case d == 0:
		return "", -1, fmt.Errorf("empty key name: %s", strings.TrimRight(line, "\r\n"))
	}
	return strings.TrimSpace(line[:d]), d + 1, nil
}

// iniValueEnd returns the read on which the value that starts with rest
// on read i ends: later for a """ or ` quoted value without its closing
// quote on the line, or a value continued with a final backslash.
func iniValueEnd(reads [][]byte, i int, rest string) (int, error) {
	v := strings.TrimLeftFunc(rest, unicode.IsSpace)
	if v == "" {
		return i, nil
	}
	quote := ""
	switch {
	case len(v) > 3 && strings.HasPrefix(v, `"""`):
		quote = `"""`
	case v[0] == '`':
		quote = "`"
	}
	if quote != "" {
		if strings.Contains(v[len(quote):], quote) {
			return i, nil
		}
		for j := i + 1; j < len(reads); j++ {
			if bytes.Contains(reads[j], []byte(quote)) {
				return j, nil
			}
		}
		return 0, errors.New("missing closing quote: the value's " + quote + " is not closed")
	}
	if t := strings.TrimSpace(v); t[len(t)-1] != '\\' {
		return i, nil
	}
	// Continuation lines: up to a blank one or one not ending with '\'.
	j := i
	for j+1 < len(reads) {
		j++
		next := bytes.TrimSpace(reads[j])
		if len(next) == 0 {
			return j - 1, nil // the blank line ends the value
		}
		if next[len(next)-1] != '\\' {
			break
		}
	}
	return j, nil
}
