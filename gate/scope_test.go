package gate

import (
	"testing"

	"github.com/infragate/infragate/engine"
	"github.com/infragate/infragate/scm/git"
)

func TestApplyScope(t *testing.T) {
	changes := map[string]git.Change{
		"a.tf": {Path: "a.tf", Status: git.StatusModified, Lines: []git.LineRange{{Start: 10, End: 12}}},
	}
	mk := func() *engine.Report {
		return &engine.Report{Findings: []engine.Finding{
			{ID: "on-line", File: "a.tf", StartLine: 11, EndLine: 11, Level: engine.LevelFailure, Blocking: true},
			{ID: "block-around", File: "a.tf", StartLine: 8, EndLine: 14, Level: engine.LevelFailure, Blocking: true},
			{ID: "off-line", File: "a.tf", StartLine: 2, EndLine: 3, Level: engine.LevelFailure, Blocking: true},
			{ID: "other-file", File: "b.tf", StartLine: 1, EndLine: 1, Level: engine.LevelFailure, Blocking: true},
			{ID: engine.IDParseError, File: "c.tf", StartLine: 1, EndLine: 1, Level: engine.LevelFailure, Blocking: true},
			{ID: "warning", File: "a.tf", StartLine: 11, EndLine: 11, Level: engine.LevelWarning},
		}}
	}
	cases := []struct {
		scope Scope
		want  map[string]bool
	}{
		{ScopeAll, map[string]bool{"on-line": true, "block-around": true, "off-line": true, "other-file": true, engine.IDParseError: true}},
		{ScopeFiles, map[string]bool{"on-line": true, "block-around": true, "off-line": true, engine.IDParseError: true}},
		{ScopeLines, map[string]bool{"on-line": true, "block-around": true, engine.IDParseError: true}},
	}
	for _, c := range cases {
		rep := mk()
		ApplyScope(rep, c.scope, changes)
		for _, f := range rep.Findings {
			if f.Blocking != c.want[f.ID] {
				t.Errorf("scope %s: %s blocking = %v, want %v", c.scope, f.ID, f.Blocking, c.want[f.ID])
			}
			if !f.Blocking && f.Level == engine.LevelFailure && f.Note == "" {
				t.Errorf("scope %s: %s does not block but has no note", c.scope, f.ID)
			}
		}
		if rep.Summary.Blocking != len(c.want) {
			t.Errorf("scope %s: summary blocking = %d, want %d", c.scope, rep.Summary.Blocking, len(c.want))
		}
	}
	if _, err := ParseScope("everything"); err == nil {
		t.Error("ParseScope accepted an unknown scope")
	}
}
