package policies_test

import (
	"context"
	"testing"

	"github.com/infragate/infragate/engine"
	"github.com/infragate/infragate/parsers"
	"github.com/infragate/infragate/policies"
)

// minCoverage is the line coverage the built-in library's own tests must reach.
const minCoverage = 90.0

// TestRego runs every test_ rule of the built-in library through the code
// path of `infragate test --builtin --coverage`, and checks the coverage.
func TestRego(t *testing.T) {
	rep, err := engine.RunTests(context.Background(), engine.TestOptions{
		Builtin:  policies.FS(),
		Coverage: true,
		Parsers:  parsers.Default(),
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Results) == 0 {
		t.Fatal("no Rego tests found")
	}
	for _, r := range rep.Results {
		switch {
		case r.Error != "":
			t.Errorf("%s:%d: %s.%s: error: %s", r.File, r.Line, r.Package, r.Name, r.Error)
		case r.Fail:
			t.Errorf("%s:%d: %s.%s: FAIL %s", r.File, r.Line, r.Package, r.Name, r.Output)
		}
	}
	cov := rep.Coverage
	t.Logf("%d Rego tests; built-in library coverage %.1f%% (%d of %d lines)",
		len(rep.Results), cov.Coverage, cov.Covered, cov.Covered+cov.NotCovered)
	if cov.Coverage < minCoverage {
		for _, f := range cov.Files {
			if f.Coverage < minCoverage {
				t.Logf("  %5.1f%% %s uncovered %v", f.Coverage, f.File, f.Uncovered)
			}
		}
		t.Errorf("built-in library coverage %.1f%% is below %.0f%%", cov.Coverage, minCoverage)
	}
}
