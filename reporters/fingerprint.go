package reporters

import (
	"strconv"

	"github.com/infragate/infragate/baseline"
	"github.com/infragate/infragate/engine"
)

// Fingerprint identifies one finding independently of line numbers: the
// `fingerprint` of JSON and GitLab Code Quality, and SARIF's
// partialFingerprints. It is the lowercase hex SHA-256 of the rule id, the
// file, the resource (Terraform address, Kubernetes kind/namespace/name),
// the finding's data path when it has one, and its message; without a
// resource, the document index keeps two documents of one file apart.
//
// Every part names what is wrong, not where it is, so an edit above a
// finding does not change its fingerprint; and two findings differ in at
// least one part (the same rule on two containers of one Pod differs in
// the path, two string-only messages on one resource in the message), so
// GitLab, which drops issues with equal fingerprints, keeps both.
//
// Baselines match findings with their own, coarser fingerprint
// (baseline.Fingerprint: no path when there is a resource, no message),
// so that baseline files already written keep matching and a reworded
// message stays suppressed.
func Fingerprint(f engine.Finding) string {
	fields := []string{"infragate/v2", f.RuleID(), baseline.FileKey(f.File), f.Resource}
	if f.Resource == "" {
		fields = append(fields, strconv.Itoa(f.Document))
	}
	return baseline.HashFields(append(fields, f.Path, f.Message)...)
}
