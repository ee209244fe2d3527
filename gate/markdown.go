package gate

import (
	"fmt"
	"strings"

	"github.com/infragate/infragate/internal/markdown"
)

// Markdown renders the approval section of the pull request comment and
// the check summary: the verdict, each requirement with who can approve it
// and how many approvals it has, why reviews did not count, and that
// approving re-runs the gate. Approvers are written in code spans so that
// the comment does not notify them on every update; every other string
// (file names, Rego reasons, logins) is escaped.
func (v *Verdict) Markdown() string {
	var b strings.Builder
	b.WriteString("#### Approvals\n\n")
	switch v.Outcome {
	case Pass:
		b.WriteString("✅ " + markdown.Escape(v.Title) + "\n")
	case Fail:
		b.WriteString("❌ " + markdown.Escape(v.Title) + "\n")
		if v.Hard > 0 {
			b.WriteString("\nHard-mandatory findings block whatever the approvals: change the code, or have the policy owners change the policy or add a waiver.\n")
		}
	case NeedsApproval:
		b.WriteString("⏳ " + markdown.Escape(v.Title) + "\n")
	}
	if len(v.Requirements) > 0 {
		b.WriteString("\n| Needs approval for | Who can approve | Approvals | Status |\n|---|---|---|---|\n")
		for _, r := range v.Requirements {
			what := markdown.Escape(r.What)
			if len(r.Files) > 0 {
				what += "<br>" + fileList(r.Files, 5)
			}
			who := approverList(r.Approvers)
			have := fmt.Sprintf("%d of %d", r.Have(), r.Required)
			if len(r.ApprovedBy) > 0 {
				have += ": " + markdown.Escape(strings.Join(r.ApprovedBy, ", "))
			}
			status := "✅ approved"
			switch {
			case r.Problem != "":
				status = "❌ " + markdown.Escape(r.Problem)
			case v.Local && !r.Satisfied:
				status = "needed in the pull request"
				have = fmt.Sprintf("%d needed", r.Required)
			case !r.Satisfied:
				status = "⏳ waiting"
			}
			fmt.Fprintf(&b, "| %s | %s | %s | %s |\n", what, who, have, status)
		}
	}
	var notes []string
	notes = append(notes, v.Ignored...)
	seen := map[string]bool{}
	for _, n := range notes {
		seen[n] = true
	}
	for _, r := range v.Requirements {
		for _, n := range r.NotCounted {
			if !seen[n] {
				seen[n] = true
				notes = append(notes, n)
			}
		}
	}
	if len(notes) > 0 {
		b.WriteString("\nReviews that do not count:\n")
		for _, n := range notes {
			b.WriteString("- " + markdown.Escape(n) + "\n")
		}
	}
	if v.Expired > 0 {
		fmt.Fprintf(&b, "\n%s an expired waiver, which no longer applies: renew it in the waivers file (with the policy owners' approval) or fix the finding.\n",
			capitalize(plural(v.Expired, "finding")+" matched"))
	}
	if v.Local {
		if v.Outcome == NeedsApproval {
			b.WriteString("\nThis is a local check: in a pull request, the people above can approve.\n")
		}
		return b.String()
	}
	unmet := false
	for _, r := range v.Requirements {
		unmet = unmet || (!r.Satisfied && r.Problem == "")
	}
	if unmet {
		b.WriteString("\nApprove the pull request on its latest commit: the approval re-runs the gate. " +
			"Approvals of earlier commits, the author's own approval and approvals later replaced by a change request do not count.\n")
	}
	return b.String()
}

func capitalize(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

func approverList(as []string) string {
	if len(as) == 0 {
		return "nobody configured"
	}
	parts := make([]string, len(as))
	for i, a := range as {
		parts[i] = codeSpan(a)
	}
	return strings.Join(parts, ", ")
}

func fileList(files []string, max int) string {
	var parts []string
	for i, f := range files {
		if i == max {
			parts = append(parts, fmt.Sprintf("and %d more", len(files)-max))
			break
		}
		parts = append(parts, codeSpan(f))
	}
	return strings.Join(parts, ", ")
}

// codeSpan puts s in a code span that s cannot close, for table cells.
func codeSpan(s string) string {
	s = strings.Map(func(r rune) rune {
		switch {
		case r == '`' || r == '|' || r == '\n' || r == '\r':
			return '?'
		case r < 0x20 || r == 0x7f:
			return -1
		}
		return r
	}, s)
	return "`" + s + "`"
}
