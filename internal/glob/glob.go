// Package glob matches slash-separated paths against shell-style patterns
// with `**` for any number of directories, as .gitignore and CODEOWNERS
// users expect: `*` and `?` stop at `/`, `**` crosses it, `[...]` is a class.
package glob

import (
	"fmt"
	"regexp"
	"strings"
)

// Pattern is a compiled glob.
type Pattern struct {
	src string
	re  *regexp.Regexp
}

// Compile turns a glob into a Pattern. A pattern without a `/` matches the
// base name at any depth (like .gitignore), so `*.tf` matches `a/b/c.tf`.
func Compile(pattern string) (*Pattern, error) {
	p := strings.TrimPrefix(pattern, "./")
	anchored := strings.Contains(strings.TrimSuffix(p, "/"), "/")
	p = strings.TrimSuffix(strings.TrimPrefix(p, "/"), "/")
	var b strings.Builder
	if !anchored {
		b.WriteString(`^(?:.*/)?`)
	} else {
		b.WriteString(`^`)
	}
	for i := 0; i < len(p); i++ {
		c := p[i]
		switch c {
		case '*':
			if i+1 < len(p) && p[i+1] == '*' {
				i++
				if i+1 < len(p) && p[i+1] == '/' {
					i++
					b.WriteString(`(?:.*/)?`)
				} else {
					b.WriteString(`.*`)
				}
			} else {
				b.WriteString(`[^/]*`)
			}
		case '?':
			b.WriteString(`[^/]`)
		case '[':
			j := strings.IndexByte(p[i:], ']')
			if j < 0 {
				return nil, fmt.Errorf("glob %q: unclosed [", pattern)
			}
			class := p[i+1 : i+j]
			if strings.HasPrefix(class, "!") {
				class = "^" + class[1:]
			}
			b.WriteString("[" + class + "]")
			i += j
		default:
			b.WriteString(regexp.QuoteMeta(string(c)))
		}
	}
	// A pattern naming a directory also matches everything below it.
	b.WriteString(`(?:/.*)?$`)
	re, err := regexp.Compile(b.String())
	if err != nil {
		return nil, fmt.Errorf("glob %q: %w", pattern, err)
	}
	return &Pattern{src: pattern, re: re}, nil
}

// Match reports whether the slash-separated path name matches.
func (p *Pattern) Match(name string) bool {
	return p.re.MatchString(strings.TrimPrefix(name, "./"))
}

// String returns the pattern as written.
func (p *Pattern) String() string { return p.src }

// Match compiles pattern and matches name; an invalid pattern matches nothing.
func Match(pattern, name string) bool {
	p, err := Compile(pattern)
	return err == nil && p.Match(name)
}
