package reporters

import (
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/infragate/infragate/engine"
	"github.com/infragate/infragate/internal/markdown"
)

// MarkdownOptions shapes the Markdown body shared by the pull request
// comment, the job summary and `-o markdown`.
type MarkdownOptions struct {
	// Heading is written first, as it is (it comes from the caller, not
	// from files), e.g. "### infragate".
	Heading string
	// Verdict is a line under the heading, as it is, e.g. "❌ Blocked".
	Verdict string
	// MaxLength caps the body in bytes (65536 for a GitHub comment, 1 MiB
	// for a job summary); 0 means no cap. Rows that do not fit are left out
	// and a note says how many.
	MaxLength int
}

// Markdown writes MarkdownBody with Options.Markdown.
func Markdown(w io.Writer, r *engine.Report, opts Options) error {
	_, err := io.WriteString(w, MarkdownBody(r, opts.Markdown))
	return err
}

// MarkdownBody renders the report as Markdown: the heading and verdict, a
// summary line, a table of the findings that count (failures and warnings)
// and, folded in <details>, the findings that do not block (exceptions,
// waived and advisory findings) and the deleted files. Every string from a
// file or a policy is escaped so that it cannot close the comment's HTML,
// ping people, run a GitLab quick action or break the table.
//
// With MaxLength, what does not fit is left out in reverse order of
// importance, and notes say how much: deleted files first, then findings
// that do not block, then the others. The summary line always counts
// every finding.
func MarkdownBody(r *engine.Report, opts MarkdownOptions) string {
	fs := sorted(r)
	var main, quiet []engine.Finding
	for _, f := range fs {
		if classify(f) == classNotice {
			quiet = append(quiet, f)
		} else {
			main = append(main, f)
		}
	}
	var deleted []string
	if r != nil {
		deleted = r.Deleted
	}
	render := func(n int) string { return renderMarkdown(r, opts, main, quiet, deleted, n) }
	total := len(main) + len(quiet) + len(deleted)
	body := render(total)
	if opts.MaxLength <= 0 || len(body) <= opts.MaxLength {
		return body
	}
	// The largest number of rows that fits (the length grows with rows).
	lo, hi := 0, total
	for lo < hi {
		mid := (lo + hi + 1) / 2
		if len(render(mid)) <= opts.MaxLength {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	body = render(lo)
	if len(body) > opts.MaxLength {
		// Even the frame does not fit: cut at a rune boundary.
		note := "\n\n… output cut to fit\n"
		if len(note) > opts.MaxLength {
			note = ""
		}
		body = cutUTF8(body, opts.MaxLength-len(note)) + note
	}
	return body
}

// cutUTF8 returns the longest prefix of s of at most n bytes that ends on
// a rune boundary.
func cutUTF8(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}

// renderMarkdown renders the body with at most rows rows: findings that
// count first, then findings that do not block, then deleted files.
func renderMarkdown(r *engine.Report, opts MarkdownOptions, main, quiet []engine.Finding, deleted []string, rows int) string {
	var b strings.Builder
	if opts.Heading != "" {
		b.WriteString(opts.Heading + "\n\n")
	}
	if opts.Verdict != "" {
		b.WriteString(opts.Verdict + "\n\n")
	}
	b.WriteString("**" + summaryLine(summary(r)) + "**\n")

	left := len(main) + len(quiet) - min(rows, len(main)+len(quiet))
	if n := min(rows, len(main)); n > 0 {
		b.WriteString("\n")
		writeMarkdownTable(&b, main[:n])
	}
	rows -= min(rows, len(main))
	if n := min(rows, len(quiet)); n > 0 {
		fmt.Fprintf(&b, "\n<details>\n<summary>%s that do not block</summary>\n\n", plural(len(quiet), "finding"))
		writeMarkdownTable(&b, quiet[:n])
		b.WriteString("\n</details>\n")
	}
	rows -= min(rows, len(quiet))
	if len(deleted) > 0 {
		fmt.Fprintf(&b, "\n<details>\n<summary>%s deleted (not evaluated)</summary>\n\n", plural(len(deleted), "file"))
		n := min(rows, len(deleted))
		for _, d := range deleted[:n] {
			b.WriteString("- " + escapeMarkdownInline(d) + "\n")
		}
		if n < len(deleted) {
			fmt.Fprintf(&b, "\n… %d more %s not listed\n", len(deleted)-n, pluralWord(len(deleted)-n, "file"))
		}
		b.WriteString("\n</details>\n")
	}
	if left > 0 {
		fmt.Fprintf(&b, "\n… %d more %s not shown (the full list is in the job log and the other outputs).\n", left, pluralWord(left, "finding"))
	}
	return b.String()
}

// writeMarkdownTable writes one findings table.
func writeMarkdownTable(b *strings.Builder, fs []engine.Finding) {
	b.WriteString("| Level | Location | Rule | Message |\n")
	b.WriteString("| --- | --- | --- | --- |\n")
	for _, f := range fs {
		msg := escapeMarkdownInline(message(f))
		if f.Note != "" {
			msg += "<br>_" + escapeMarkdownInline(f.Note) + "_"
		}
		if f.Waiver != nil {
			msg += "<br>_" + escapeMarkdownInline(waiverText(f.Waiver)) + "_"
		}
		rule := escapeMarkdownInline(f.RuleID())
		if f.Title != "" {
			rule += "<br>" + escapeMarkdownInline(f.Title)
		}
		fmt.Fprintf(b, "| %s | %s | %s | %s |\n", markdownLevel(f), escapeMarkdownInline(location(f)), rule, msg)
	}
}

// markdownLevel is the level cell.
func markdownLevel(f engine.Finding) string {
	switch {
	case f.Level == engine.LevelException:
		return "ℹ️ exception"
	case waived(f):
		return "ℹ️ " + string(f.Level) + " (waived)"
	case classify(f) == classNotice:
		return "ℹ️ " + string(f.Level) + " (not blocking)"
	case f.Level == engine.LevelWarning:
		return "⚠️ warning"
	default:
		return "❌ " + string(f.Level)
	}
}

func pluralWord(n int, noun string) string {
	if n == 1 {
		return noun
	}
	return noun + "s"
}

// escapeMarkdownInline escapes text for one line of Markdown.
func escapeMarkdownInline(s string) string { return markdown.Escape(s) }

// escapeMarkdownBlock escapes multi-line text for a Markdown paragraph:
// each line as escapeMarkdownInline, and a character at the start of a line
// that would begin a heading, list, quote or quick action is escaped.
func escapeMarkdownBlock(s string) string {
	lines := strings.Split(strings.ReplaceAll(s, "\r\n", "\n"), "\n")
	for i, l := range lines {
		e := escapeMarkdownInline(l)
		trimmed := strings.TrimLeft(e, " ")
		pad := e[:len(e)-len(trimmed)]
		if trimmed != "" && strings.ContainsRune("-+=", rune(trimmed[0])) {
			trimmed = `\` + trimmed
		} else if j := strings.IndexFunc(trimmed, func(r rune) bool { return r < '0' || r > '9' }); j > 0 && (trimmed[j] == '.' || trimmed[j] == ')') {
			trimmed = trimmed[:j] + `\` + trimmed[j:]
		}
		lines[i] = pad + trimmed
	}
	return strings.Join(lines, "\n")
}

// EscapeMarkdown escapes text for one line of Markdown in a PR comment,
// check run or job summary: what escapes a findings-table cell, so that
// names from the repository cannot format, mention, hide or act.
func EscapeMarkdown(s string) string { return escapeMarkdownInline(s) }
