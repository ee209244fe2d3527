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
// finding does not change its fingerprint; and two findings usually differ
// in at least one part (the same rule on two containers of one Pod differs
// in the path, two string-only messages on one resource in the message).
// When they do not (a policy that reports one message on several lines of
// a resource through _loc), the reports tell them apart with
// reportFingerprints, so GitLab, which drops issues with equal
// fingerprints, keeps them all.
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

// fingerprintParts is what Fingerprint hashes besides the file.
type fingerprintParts struct {
	id, resource, path, message string
	document                    int
}

// repeats finds the findings of fs (in canonical order) whose Fingerprint
// is the same as an earlier finding's: it maps the index of each to its
// occurrence (1 for the second of them, 2 for the third...). It is nil
// when every fingerprint is different, as it almost always is.
//
// Findings are in file order and equal fingerprints need equal files, so
// one file's findings are compared at a time; the parts are compared
// unhashed, which costs far less than hashing them.
func repeats(fs []engine.Finding) map[int]int {
	var out map[int]int
	seen := map[fingerprintParts]int{}
	for i := range fs {
		f := &fs[i]
		if i > 0 && f.File != fs[i-1].File {
			clear(seen)
		}
		p := fingerprintParts{id: f.RuleID(), resource: f.Resource, path: f.Path, message: f.Message}
		if f.Resource == "" {
			p.document = f.Document
		}
		n := seen[p]
		seen[p] = n + 1
		if n > 0 {
			if out == nil {
				out = map[int]int{}
			}
			out[i] = n
		}
	}
	return out
}

// reportFingerprint is the fingerprint a report publishes for a finding:
// Fingerprint, with the finding's occurrence (from repeats) hashed in when
// an earlier finding of the report has the same one. The n-th repeat is
// counted in line order, so it keeps its fingerprint when lines move.
func reportFingerprint(f engine.Finding, occurrence int) string {
	fp := Fingerprint(f)
	if occurrence == 0 {
		return fp
	}
	return baseline.HashFields("infragate/v2-repeat", fp, strconv.Itoa(occurrence))
}
