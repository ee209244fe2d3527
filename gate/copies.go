package gate

import (
	"slices"

	"github.com/infragate/infragate/engine"
)

// dropCopies removes the findings that repeat, for a built document, a
// finding of the file its value is written in: a kustomization's
// Deployment whose container a base manifest in the same run already
// reports, at the same line (Finding.Origin), under the same rule, level
// and message. The value is to be fixed where it is written; a base and
// two overlays would otherwise say it three times.
//
// A copy is kept when it blocks and the finding it repeats does not: what
// lets the base file's finding through (a waiver in the base, a line the
// change does not touch) does not let the overlay that deploys it
// through, so the verdict is the same with or without copies.
func dropCopies(rep *engine.Report) {
	type key struct {
		file, rule, msg string
		line            int
		level           engine.Level
	}
	if !slices.ContainsFunc(rep.Findings, func(f engine.Finding) bool { return f.Origin != nil }) {
		return
	}
	originals := map[key]bool{} // blocking?
	for _, f := range rep.Findings {
		if f.Origin == nil {
			k := key{f.File, f.RuleID(), f.Message, f.StartLine, f.Level}
			originals[k] = originals[k] || f.Blocking
		}
	}
	out := make([]engine.Finding, 0, len(rep.Findings))
	for _, f := range rep.Findings {
		if o := f.Origin; o != nil {
			blocking, ok := originals[key{o.File, f.RuleID(), f.Message, o.StartLine, f.Level}]
			if ok && (blocking || !f.Blocking) {
				continue
			}
		}
		out = append(out, f)
	}
	rep.Findings = out
}
