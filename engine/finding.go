// Package engine evaluates Rego policies over parsed documents: it loads and
// compiles policies once, evaluates every document on a worker pool, and turns
// results into findings placed on exact file ranges.
package engine

import (
	"slices"
	"sort"

	"github.com/infragate/infragate/parsers"
)

// Level is how a finding counts.
type Level string

// Finding levels. Errors (parse or evaluation) are reported as failures with
// a reserved id, so that a gate that cannot decide never passes.
const (
	LevelFailure   Level = "failure"
	LevelWarning   Level = "warning"
	LevelException Level = "exception"
)

// Reserved finding ids for problems that are not policy results.
const (
	IDParseError = "parse-error"
	IDEvalError  = "eval-error"
)

// Finding is one policy result (or one error) placed in a file.
type Finding struct {
	Level     Level  `json:"level"`
	ID        string `json:"id"`
	Title     string `json:"title,omitempty"`
	Rule      string `json:"rule"` // e.g. "data.main.deny"
	Message   string `json:"message"`
	File      string `json:"file"`
	StartLine int    `json:"start_line"`
	EndLine   int    `json:"end_line"`
	Severity  string `json:"severity,omitempty"`
	// Document is the index of the document in its file.
	Document int `json:"document"`
	// Path is the data path (JSON pointer) the finding points at, when known.
	Path string `json:"path,omitempty"`
	// Resource identifies the offending object independently of lines:
	// a Terraform address (aws_s3_bucket.b), a Kubernetes kind/namespace/name,
	// or a JSON pointer. Baselines and fingerprints are built from it.
	Resource string `json:"resource,omitempty"`
	// Origin is where the value is written when that is another file:
	// the base manifest or the patch behind a kustomization's document.
	Origin   *Location      `json:"origin,omitempty"`
	Metadata map[string]any `json:"metadata,omitempty"`

	// The fields below are decided after evaluation (scope, baseline,
	// waivers, enforcement); raw engine output leaves them zero except
	// Blocking, which the engine sets for failures.

	// Blocking reports whether the finding counts against the verdict.
	Blocking bool `json:"blocking"`
	// Enforcement is advisory, soft-mandatory or hard-mandatory, when decided.
	Enforcement string `json:"enforcement,omitempty"`
	// Waiver is the waiver that applies to the finding, if any.
	Waiver *Waiver `json:"waiver,omitempty"`
	// Note says in words why a finding does not block, or who can approve it.
	Note string `json:"note,omitempty"`
}

// Location is a range of a file.
type Location struct {
	File      string `json:"file"`
	StartLine int    `json:"start_line"`
	EndLine   int    `json:"end_line"`
}

// Waiver records an accepted exception to a rule for a file or resource.
type Waiver struct {
	Source  string `json:"source"` // "inline" or the waivers file path
	Line    int    `json:"line,omitempty"`
	Reason  string `json:"reason"`
	Expires string `json:"expires,omitempty"` // YYYY-MM-DD
	Owner   string `json:"owner,omitempty"`
	Expired bool   `json:"expired,omitempty"`
}

// RuleID is the identifier a finding is reported and fingerprinted under:
// its id, else its rule, else "unknown".
func (f Finding) RuleID() string {
	switch {
	case f.ID != "":
		return f.ID
	case f.Rule != "":
		return f.Rule
	}
	return "unknown"
}

// IsError reports whether f stands for a parse or evaluation error.
func (f Finding) IsError() bool { return f.ID == IDParseError || f.ID == IDEvalError }

// Summary counts a report.
type Summary struct {
	Files      int `json:"files"`
	Documents  int `json:"documents"`
	Failures   int `json:"failures"`
	Warnings   int `json:"warnings"`
	Exceptions int `json:"exceptions"`
	Errors     int `json:"errors"`
	// Set by later stages; omitted when zero.
	Blocking   int `json:"blocking"`
	Waived     int `json:"waived,omitempty"`
	Suppressed int `json:"suppressed,omitempty"` // by a baseline
}

// Report is the result of evaluating a set of files.
type Report struct {
	Summary  Summary   `json:"summary"`
	Findings []Finding `json:"findings"`
	// Deleted lists files a change deleted (listed, not evaluated).
	Deleted []string `json:"deleted,omitempty"`
	// Rules are the rules that were evaluated, sorted by id, for reporters
	// that publish a rule catalogue. Not part of the JSON output.
	Rules []Rule `json:"-"`
	// Formats are the formats of the files evaluated one by one, by
	// name (not with --combine), so that reporters can tell which rules
	// a file was evaluated against (Applies). Not part of the JSON output.
	Formats map[string]parsers.Format `json:"-"`
	// Guarded are, by file name, the packages whose rules were evaluated
	// on none of the file's documents because their guard failed on
	// every one (Options.Guard: a Kubernetes manifest is not run through
	// the CloudFormation and workflow rules). Not part of the JSON output.
	Guarded map[string]map[string]bool `json:"-"`
}

// Applies reports whether rule was evaluated on the documents of the named
// file: true when the rule applies to every format, or the file's format
// is not known, unless its guard failed on every document of the file.
func (r *Report) Applies(rule Rule, file string) bool {
	if r == nil {
		return true
	}
	if r.Guarded[file][rule.Package] {
		return false
	}
	if rule.Formats == nil {
		return true
	}
	f, ok := r.Formats[file]
	return !ok || f == "" || slices.Contains(rule.Formats, f)
}

// Sort orders findings by file, line, level, id and message, so that the
// same input always prints the same bytes.
func (r *Report) Sort() {
	sort.SliceStable(r.Findings, func(i, j int) bool { return Less(r.Findings[i], r.Findings[j]) })
}

// Less is the canonical finding order.
func Less(a, b Finding) bool {
	if a.File != b.File {
		return a.File < b.File
	}
	if a.StartLine != b.StartLine {
		return a.StartLine < b.StartLine
	}
	if a.EndLine != b.EndLine {
		return a.EndLine < b.EndLine
	}
	if a.Level != b.Level {
		return a.Level < b.Level
	}
	if a.ID != b.ID {
		return a.ID < b.ID
	}
	if a.Rule != b.Rule {
		return a.Rule < b.Rule
	}
	if a.Message != b.Message {
		return a.Message < b.Message
	}
	return a.Document < b.Document
}

// Count recomputes the counts from the findings (Files, Documents and
// Suppressed are left as they are).
func (r *Report) Count() {
	r.Summary.Failures, r.Summary.Warnings, r.Summary.Exceptions, r.Summary.Errors = 0, 0, 0, 0
	r.Summary.Blocking, r.Summary.Waived = 0, 0
	for _, f := range r.Findings {
		if f.Blocking {
			r.Summary.Blocking++
		}
		if f.Waiver != nil && !f.Waiver.Expired {
			r.Summary.Waived++
		}
		switch f.Level {
		case LevelFailure:
			r.Summary.Failures++
		case LevelWarning:
			r.Summary.Warnings++
		case LevelException:
			r.Summary.Exceptions++
		}
		if f.IsError() {
			r.Summary.Errors++
		}
	}
}

// Rule describes a policy rule from its METADATA annotations (or, for rules
// without any, from its package and name). Reporters use it for rule
// catalogues (SARIF tool.driver.rules, `infragate policies`).
type Rule struct {
	ID          string   `json:"id"`
	Title       string   `json:"title,omitempty"`
	Description string   `json:"description,omitempty"`
	Severity    string   `json:"severity,omitempty"`
	Remediation string   `json:"remediation,omitempty"`
	Enforcement string   `json:"enforcement,omitempty"`
	URLs        []string `json:"related_resources,omitempty"`
	// RelatedIDs name sibling rules for other formats (custom.related_ids),
	// e.g. the Terraform rule a CloudFormation rule mirrors.
	RelatedIDs []string `json:"related_ids,omitempty"`
	Package    string   `json:"package"`
	Name       string   `json:"rule"` // deny, warn_x, ...
	File       string   `json:"file,omitempty"`
	// Line is where the rule is first defined in File.
	Line    int  `json:"line,omitempty"`
	Builtin bool `json:"builtin,omitempty"`
	// Formats are the file formats the rule is evaluated on
	// (Options.Applies), sorted; nil when it applies to every format.
	Formats []parsers.Format `json:"formats,omitempty"`
}
