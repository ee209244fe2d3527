package reporters

import (
	"io"
	"path/filepath"
	"strings"

	"github.com/infragate/infragate/engine"
)

type gitlabIssue struct {
	Description string         `json:"description"`
	CheckName   string         `json:"check_name"`
	Fingerprint string         `json:"fingerprint"`
	Severity    string         `json:"severity"`
	Location    gitlabLocation `json:"location"`
}

type gitlabLocation struct {
	Path  string      `json:"path"`
	Lines gitlabLines `json:"lines"`
}

type gitlabLines struct {
	Begin int `json:"begin"`
	End   int `json:"end"`
}

// GitLab writes a GitLab Code Quality report: a JSON array of issues with
// description, check_name (the rule id), fingerprint (Fingerprint, stable
// across line shifts), severity and location.
//
// Severities: a parse or evaluation error is "blocker"; a blocking failure
// is "critical" when its rule's severity is critical and "major" otherwise;
// a warning or a failure that does not block is "minor". Exceptions and
// waived findings are accepted decisions and are left out, so GitLab shows
// them as resolved.
func GitLab(w io.Writer, r *engine.Report, opts Options) error {
	issues := []gitlabIssue{}
	fs := sorted(r)
	repeated := repeats(fs)
	for i, f := range fs {
		if f.Level == engine.LevelException || waived(f) {
			continue
		}
		desc := oneLine(message(f))
		if f.Note != "" {
			desc += " (" + oneLine(f.Note) + ")"
		}
		begin := max(f.StartLine, 1)
		issues = append(issues, gitlabIssue{
			Description: desc,
			CheckName:   f.RuleID(),
			Fingerprint: reportFingerprint(f, repeated[i]),
			Severity:    gitlabSeverity(f),
			Location:    gitlabLocation{Path: relativePath(inRepository(f.File, opts.Base), opts.Root), Lines: gitlabLines{Begin: begin, End: max(endLine(f), begin)}},
		})
	}
	return encodeJSON(w, issues)
}

// gitlabSeverity maps a finding to a Code Quality severity (see GitLab).
func gitlabSeverity(f engine.Finding) string {
	switch {
	case f.IsError():
		return "blocker"
	case classify(f) == classError && strings.EqualFold(f.Severity, "critical"):
		return "critical"
	case classify(f) == classError:
		return "major"
	default:
		return "minor"
	}
}

// relativePath makes an absolute path under root relative to it and uses
// forward slashes.
func relativePath(file, root string) string {
	p := file
	if root != "" && filepath.IsAbs(p) {
		if rel, err := filepath.Rel(root, p); err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
			p = rel
		}
	}
	p = filepath.ToSlash(p)
	for strings.HasPrefix(p, "./") {
		p = p[2:]
	}
	return p
}
