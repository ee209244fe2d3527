package gate

import (
	"testing"

	"github.com/infragate/infragate/engine"
)

func TestDropCopies(t *testing.T) {
	base := engine.Finding{Level: engine.LevelFailure, ID: "IG-K8S-014", Message: "Deployment/web: no limits",
		File: "base/deploy.yaml", StartLine: 9, EndLine: 12}
	copyOf := func(b engine.Finding, blocking bool) engine.Finding {
		c := b
		c.File, c.StartLine, c.EndLine = "prod/kustomization.yaml", 3, 3
		c.Origin = &engine.Location{File: b.File, StartLine: b.StartLine, EndLine: b.EndLine}
		c.Blocking = blocking
		return c
	}
	other := base
	other.Message = "Deployment/prod-web: no limits" // a name the overlay changed
	for _, tc := range []struct {
		name     string
		findings []engine.Finding
		want     []string // files of the findings kept
	}{
		{"a copy of a blocking finding", []engine.Finding{blocking(base, true), copyOf(base, true)}, []string{"base/deploy.yaml"}},
		{"a non-blocking copy", []engine.Finding{blocking(base, false), copyOf(base, false)}, []string{"base/deploy.yaml"}},
		{"a blocking copy of a waived finding", []engine.Finding{blocking(base, false), copyOf(base, true)},
			[]string{"base/deploy.yaml", "prod/kustomization.yaml"}},
		{"the base file is not in the run", []engine.Finding{copyOf(base, true)}, []string{"prod/kustomization.yaml"}},
		{"another message", []engine.Finding{blocking(base, true), copyOf(other, true)},
			[]string{"base/deploy.yaml", "prod/kustomization.yaml"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rep := &engine.Report{Findings: tc.findings}
			dropCopies(rep)
			var got []string
			for _, f := range rep.Findings {
				got = append(got, f.File)
			}
			if len(got) != len(tc.want) {
				t.Fatalf("kept %v, want %v", got, tc.want)
			}
			for i := range got {
				if got[i] != tc.want[i] {
					t.Errorf("kept %v, want %v", got, tc.want)
				}
			}
		})
	}
}

func blocking(f engine.Finding, b bool) engine.Finding {
	f.Blocking = b
	return f
}
