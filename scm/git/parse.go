package git

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// readField reads one NUL-terminated field of raw diff output.
func readField(br *bufio.Reader) (string, error) {
	s, err := br.ReadString(0)
	if err != nil {
		if err == io.EOF {
			return "", io.ErrUnexpectedEOF
		}
		return "", err
	}
	return strings.TrimSuffix(s, "\x00"), nil
}

// readLine reads one patch line including its newline. Only the first
// maxLine bytes of a longer line are returned; the rest is skipped, so a
// huge added line costs no memory.
func readLine(br *bufio.Reader) ([]byte, error) {
	line, err := br.ReadSlice('\n')
	if err == nil || err == io.EOF {
		return line, err
	}
	if !errors.Is(err, bufio.ErrBufferFull) {
		return nil, err
	}
	kept := append([]byte(nil), line...)
	for errors.Is(err, bufio.ErrBufferFull) {
		_, err = br.ReadSlice('\n')
	}
	if err != nil && err != io.EOF {
		return nil, err
	}
	return kept, err
}

func truncate(b []byte) string {
	if len(b) > 80 {
		b = b[:80]
	}
	return string(b)
}

// parseHunkHeader reads "@@ -a[,b] +c[,d] @@ ..." and returns the old and
// new line counts and the number of the first new line. For a hunk without
// new lines (d == 0), git gives the line before the change as c; the
// returned first line is then c+1, so that "the line before" is always
// first-1.
func parseHunkHeader(s string) (oldCount, newCount, first int, err error) {
	bad := func() (int, int, int, error) { return 0, 0, 0, fmt.Errorf("malformed hunk header %q", s) }
	rest, ok := strings.CutPrefix(s, "@@ -")
	if !ok {
		return bad()
	}
	ranges, _, ok := strings.Cut(rest, " @@")
	if !ok {
		return bad()
	}
	oldSpec, newSpec, ok := strings.Cut(ranges, " +")
	if !ok {
		return bad()
	}
	_, oldCount, err1 := parseRange(oldSpec)
	start, newCount, err2 := parseRange(newSpec)
	if err1 != nil || err2 != nil {
		return bad()
	}
	if newCount == 0 {
		start++
	}
	return oldCount, newCount, start, nil
}

// parseRange reads "start[,count]"; count defaults to 1.
func parseRange(s string) (start, count int, err error) {
	a, b, hasCount := strings.Cut(s, ",")
	if start, err = strconv.Atoi(a); err != nil || start < 0 {
		return 0, 0, fmt.Errorf("bad range %q", s)
	}
	count = 1
	if hasCount {
		if count, err = strconv.Atoi(b); err != nil || count < 0 {
			return 0, 0, fmt.Errorf("bad range %q", s)
		}
	}
	return start, count, nil
}

// gitHeaderNewPath returns the new path named by the rest of a
// "diff --git a/X b/Y" line, or "" when it cannot be told apart. It matters
// only for sections without "+++" or "rename to" lines (binary files, mode
// changes), which never need line numbers.
func gitHeaderNewPath(rest string) string {
	if strings.HasSuffix(rest, `"`) {
		// The new name is quoted; an unescaped ` "` cannot occur inside a
		// quoted name, so the last one starts it.
		i := strings.LastIndex(rest, ` "`)
		if i < 0 {
			return ""
		}
		name, err := unquote(rest[i+1:])
		if err != nil || !strings.HasPrefix(name, "b/") {
			return ""
		}
		return name[2:]
	}
	if strings.HasPrefix(rest, `"`) {
		// Quoted old name, unquoted new name.
		end := closingQuote(rest)
		if end < 0 || !strings.HasPrefix(rest[end+1:], " b/") {
			return ""
		}
		return rest[end+4:]
	}
	// Both unquoted: "a/X b/X" when the name did not change.
	if (len(rest)-5)%2 != 0 || len(rest) < 5 {
		return ""
	}
	n := (len(rest) - 5) / 2
	name := rest[2 : 2+n]
	if rest != "a/"+name+" b/"+name {
		return ""
	}
	return name
}

// closingQuote returns the index of the quote closing the quoted string at
// the start of s, or -1.
func closingQuote(s string) int {
	for i := 1; i < len(s); i++ {
		switch s[i] {
		case '\\':
			i++
		case '"':
			return i
		}
	}
	return -1
}

// unquote undoes git's C-style quoting of a path ("a\tb", "\303\251");
// unquoted input is returned as is.
func unquote(s string) (string, error) {
	if !strings.HasPrefix(s, `"`) {
		return s, nil
	}
	if len(s) < 2 || !strings.HasSuffix(s, `"`) || closingQuote(s) != len(s)-1 {
		return "", fmt.Errorf("bad quoted path %q", s)
	}
	body := s[1 : len(s)-1]
	var b strings.Builder
	for i := 0; i < len(body); i++ {
		c := body[i]
		if c != '\\' {
			b.WriteByte(c)
			continue
		}
		i++
		if i >= len(body) {
			return "", fmt.Errorf("bad quoted path %q", s)
		}
		switch e := body[i]; e {
		case 'a':
			b.WriteByte('\a')
		case 'b':
			b.WriteByte('\b')
		case 'f':
			b.WriteByte('\f')
		case 'n':
			b.WriteByte('\n')
		case 'r':
			b.WriteByte('\r')
		case 't':
			b.WriteByte('\t')
		case 'v':
			b.WriteByte('\v')
		case '"', '\\':
			b.WriteByte(e)
		case '0', '1', '2', '3':
			if i+2 >= len(body) {
				return "", fmt.Errorf("bad quoted path %q", s)
			}
			v, err := strconv.ParseUint(body[i:i+3], 8, 8)
			if err != nil {
				return "", fmt.Errorf("bad quoted path %q", s)
			}
			b.WriteByte(byte(v))
			i += 2
		default:
			return "", fmt.Errorf("bad quoted path %q", s)
		}
	}
	return b.String(), nil
}
