package reporters

import (
	"github.com/infragate/infragate/baseline"
	"github.com/infragate/infragate/engine"
)

// Fingerprint identifies a finding independently of line numbers (SARIF
// partialFingerprints, GitLab Code Quality). It is the baseline
// fingerprint, so a finding has one identity everywhere.
func Fingerprint(f engine.Finding) string { return baseline.Fingerprint(f) }
