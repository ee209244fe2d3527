// Package markdown escapes text for GitHub-flavoured Markdown in pull
// request comments, check runs and job summaries, where file names, policy
// messages and pull request text must stay text.
package markdown

import (
	"fmt"
	"strings"
)

// zwj is a zero-width joiner: put after '@' it stops a mention.
const zwj = "\u200d"

// Escape escapes text for a single-line Markdown context such as a table
// cell or a list item: Markdown punctuation is backslash-escaped, HTML
// characters become entities (so "</details>" or "<!--" stay text), '@'
// cannot form a mention, newlines become <br>, a leading '/' cannot be a
// quick action, control characters are dropped and bidirectional
// formatting characters are written as \uXXXX.
func Escape(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	var b strings.Builder
	atLineStart := true
	for _, r := range s {
		if atLineStart && r == '/' {
			b.WriteString(`\/`)
			atLineStart = false
			continue
		}
		atLineStart = false
		switch r {
		case '\n', '\r':
			b.WriteString("<br>")
			atLineStart = true
		case '\\', '`', '*', '_', '[', ']', '|', '~', '$', '#', '!':
			b.WriteByte('\\')
			b.WriteRune(r)
		case '<':
			b.WriteString("&lt;")
		case '>':
			b.WriteString("&gt;")
		case '&':
			b.WriteString("&amp;")
		case '@':
			b.WriteString("@" + zwj)
		default:
			switch {
			case IsControl(r):
				continue
			case IsBidi(r):
				fmt.Fprintf(&b, `\\u%04X`, r)
				continue
			}
			b.WriteRune(r)
		}
	}
	return b.String()
}

// IsBidi reports the Unicode bidirectional formatting characters
// (embeddings, overrides, isolates and marks). In a value that reaches a
// message they make it display in an order other than the one it is read
// in ("Trojan Source", CVE-2021-42574), so a reviewer could be shown a
// different resource name or value than the one a finding is about.
func IsBidi(r rune) bool {
	return r == 0x061c || r == 0x200e || r == 0x200f || (r >= 0x202a && r <= 0x202e) || (r >= 0x2066 && r <= 0x2069)
}

// IsControl reports C0 and C1 control characters except tab.
func IsControl(r rune) bool {
	return (r < 0x20 && r != '\t') || r == 0x7f || (r >= 0x80 && r < 0xa0)
}
