// Package gate turns findings into a decision: it scopes findings to what
// a change touched, suppresses baselined and waived findings, applies
// enforcement levels and approvals, and gives the verdict.
package gate

import (
	"fmt"

	"github.com/infragate/infragate/engine"
	"github.com/infragate/infragate/scm/git"
)

// Scope decides which findings of a change block.
type Scope string

// The scopes.
const (
	// ScopeFiles: findings in changed files block (the default with --base).
	ScopeFiles Scope = "files"
	// ScopeLines: only findings whose range touches an added or modified
	// line block; the others are reported as not blocking.
	ScopeLines Scope = "lines"
	// ScopeAll: every finding reported blocks, wherever it points.
	ScopeAll Scope = "all"
)

// ParseScope validates a --scope value.
func ParseScope(s string) (Scope, error) {
	switch Scope(s) {
	case ScopeFiles, ScopeLines, ScopeAll:
		return Scope(s), nil
	}
	return "", fmt.Errorf("unknown scope %q (known: files, lines, all)", s)
}

// ApplyScope marks findings outside the scope as not blocking, with a note.
// changes are keyed by the path findings use. Errors (parse, evaluation)
// always block: the gate could not decide about that file.
func ApplyScope(rep *engine.Report, scope Scope, changes map[string]git.Change) {
	defer rep.Count()
	if scope == ScopeAll {
		return
	}
	for i := range rep.Findings {
		f := &rep.Findings[i]
		if !f.Blocking || f.IsError() {
			continue
		}
		c, changed := changes[f.File]
		switch {
		case !changed:
			f.Blocking = false
			f.Note = "in a file this change does not touch"
		case scope == ScopeLines && !c.Touches(f.StartLine, f.EndLine):
			f.Blocking = false
			f.Note = "not on a line this change touches"
		}
	}
}
