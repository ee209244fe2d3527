package gate

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/infragate/infragate/config"
	"github.com/infragate/infragate/engine"
	"github.com/infragate/infragate/parsers"
)

// Outcome is the gate's verdict.
type Outcome string

// The outcomes.
const (
	// Pass: nothing blocks.
	Pass Outcome = "pass"
	// Fail: hard-mandatory findings or evaluation errors remain; no
	// approval can change that.
	Fail Outcome = "fail"
	// NeedsApproval: only soft-mandatory findings and approval
	// requirements (paths, policy changes, Rego) remain.
	NeedsApproval Outcome = "needs-approval"
)

// Input is everything the admission decision looks at.
type Input struct {
	// Report is evaluated, scoped and baselined; Decide annotates its
	// findings and recounts it. Findings that an earlier stage marked not
	// blocking with a Note (out of scope) stay not blocking.
	Report *engine.Report
	// Config is the gate configuration (config.Default() when nil). In a
	// pull request it must come from the base commit.
	Config *config.Config
	// MR is the pull request; nil for a local check (no approvals).
	MR *MR
	// Teams checks team membership for @org/team approvers; nil means
	// no membership can be verified (team approvals are not counted).
	Teams TeamChecker
	// Policies evaluates `data.infragate.approval.require` (usually the
	// *engine.Engine of the run); nil skips Rego requirements.
	Policies Querier
	// Now decides waiver expiry (time.Now() when zero).
	Now time.Time
	// ReadFile reads a file under review by the name findings use, for
	// inline waivers; nil disables them.
	ReadFile func(path string) ([]byte, error)
	// Format tells the format a file under review was evaluated as, by
	// the name findings use ("" when unknown; nil: none known). Inline
	// waivers are read from comments of the file's syntax (SyntaxOf),
	// which the file's name decides when its format is unknown.
	Format func(path string) parsers.Format
	// Waivers is the waivers file (nil: none). In a pull request it must
	// come from the base commit.
	Waivers *WaiverFile
	// ChangedPaths are all files the change touches (added, modified,
	// deleted, renamed: old and new), repository-relative with slashes.
	// nil when unknown (a local check without --base): path and policy
	// requirements are then not decided.
	ChangedPaths []string
	// PolicyPathsChanged are changed files that are policies, the
	// configuration or the waivers file, beyond what Config.IsPolicyPath
	// recognises in ChangedPaths (e.g. a ./policy directory loaded by default).
	PolicyPathsChanged []string
	// FailOnWarn makes warnings count like failures.
	FailOnWarn bool
	// JudgeInChange: there is no pull request, but the policies,
	// configuration, waivers and baseline are read from the change under
	// review (check --base in CI), so a change to them needs the policy
	// owners' approval, which a local check cannot verify: it blocks.
	JudgeInChange bool
	// Changes is exposed to approval policies as data.infragate.changes.
	Changes any
}

// MR is the pull (merge) request being gated.
type MR struct {
	Number  int
	Author  string
	Labels  []string
	Draft   bool
	BaseRef string
	BaseSHA string
	HeadRef string
	HeadSHA string
	Reviews []Review
}

// Review is one pull request review.
type Review struct {
	User  string
	State string // APPROVED, CHANGES_REQUESTED, COMMENTED, DISMISSED, PENDING
	// CommitID is the head commit the review was made on.
	CommitID    string
	SubmittedAt time.Time
}

// TeamChecker answers team membership (scm/github.Client implements it).
// An error means the membership could not be verified: it is never counted.
type TeamChecker interface {
	IsTeamMember(ctx context.Context, org, team, user string) (bool, error)
}

// Querier evaluates a Rego query over the loaded policies with extra data
// (engine.Engine implements it).
type Querier interface {
	Query(ctx context.Context, query string, extra map[string]any) ([]any, error)
}

// ApprovalQuery is the Rego rule whose values add approval requirements.
const ApprovalQuery = "data.infragate.approval.require"

// Requirement kinds.
const (
	KindFindings = "findings" // soft-mandatory findings (approvals.approvers)
	KindPath     = "path"     // approvals.paths
	KindPolicy   = "policy"   // a change to policies/config/waivers (approvals.policy_owners)
	KindRego     = "rego"     // package infragate.approval
)

// Requirement is one approval the change needs.
type Requirement struct {
	Kind string `json:"kind"`
	// What says in words what needs approval ("2 soft-mandatory findings",
	// "changes to envs/prod/**", a Rego reason).
	What string `json:"what"`
	// Files are the changed files that triggered a path or policy requirement.
	Files []string `json:"files,omitempty"`
	// Approvers may approve: logins and @org/team.
	Approvers []string `json:"approvers"`
	Required  int      `json:"required"`
	// ApprovedBy are the approvals that count for this requirement.
	ApprovedBy []string `json:"approved_by,omitempty"`
	Satisfied  bool     `json:"satisfied"`
	// NotCounted says why approving reviewers did not count here.
	NotCounted []string `json:"not_counted,omitempty"`
	// Problem explains a requirement nobody can satisfy (no approvers configured).
	Problem string `json:"problem,omitempty"`
}

// Have is the number of counted approvals.
func (r Requirement) Have() int { return len(r.ApprovedBy) }

// Verdict is the admission decision.
type Verdict struct {
	Outcome Outcome `json:"outcome"`
	// Title is the verdict in one line of words.
	Title string `json:"title"`
	// Local is true for a check without a pull request: nothing could be
	// approved, requirements say what would be needed.
	Local        bool          `json:"local,omitempty"`
	Requirements []Requirement `json:"requirements,omitempty"`
	// Approvals are the reviewers whose approval is valid (latest review,
	// APPROVED, on the head commit, not the author), sorted.
	Approvals []string `json:"approvals,omitempty"`
	// Ignored says why other reviews do not count (stale, the author's own,
	// changes requested later).
	Ignored []string `json:"ignored,omitempty"`
	// Counts of blocking findings by level, after waivers and approvals.
	Hard   int `json:"hard_mandatory"`
	Soft   int `json:"soft_mandatory"`
	Errors int `json:"errors"`
	Waived int `json:"waived"`
	// Expired counts findings whose waiver has expired.
	Expired int `json:"expired_waivers,omitempty"`
}

// Decide applies enforcement levels, waivers and approvals to in.Report and
// gives the verdict. It sets each finding's Enforcement, Waiver, Blocking
// and Note, adds findings for waivers without a reason, and recounts the
// report. It returns an error only when it cannot decide (an approval
// policy that fails to evaluate or returns malformed requirements).
func Decide(ctx context.Context, in Input) (*Verdict, error) {
	if in.Report == nil {
		return nil, errors.New("gate: no report to decide on")
	}
	cfg := in.Config
	if cfg == nil {
		cfg = config.Default()
	}
	now := in.Now
	if now.IsZero() {
		now = time.Now()
	}
	rep := in.Report
	v := &Verdict{Local: in.MR == nil}

	applyEnforcement(rep, cfg, in.FailOnWarn)
	applyWaivers(rep, cfg, in.Waivers, in.ReadFile, in.Format, now)
	dropCopies(rep)

	// Approvals.
	var ap *approvals
	if in.MR != nil {
		ap = countReviews(in.MR)
		v.Approvals = ap.valid
		v.Ignored = ap.ignored
	}
	checker := &teamCache{teams: in.Teams, seen: map[string]teamAnswer{}}

	var soft []int
	for i, f := range rep.Findings {
		if f.Blocking && f.Enforcement == string(config.SoftMandatory) {
			soft = append(soft, i)
		}
	}
	if len(soft) > 0 {
		r := Requirement{Kind: KindFindings, What: plural(len(soft), "soft-mandatory finding"),
			Approvers: cfg.Approvals.Approvers, Required: cfg.Approvals.Required}
		if len(r.Approvers) == 0 {
			r.Problem = "no one may approve findings: set approvals.approvers in " + configName(cfg)
		}
		v.Requirements = append(v.Requirements, r)
	}
	if in.ChangedPaths != nil {
		for _, pr := range cfg.Approvals.Paths {
			var files []string
			for _, p := range in.ChangedPaths {
				if pr.Matches(p) {
					files = append(files, p)
				}
			}
			if len(files) > 0 {
				sort.Strings(files)
				v.Requirements = append(v.Requirements, Requirement{Kind: KindPath,
					What: "changes to " + pr.Match, Files: files, Approvers: pr.Approvers, Required: pr.Required})
			}
		}
		// Only a pull request, or a check of a change in CI (where the
		// working tree's policies are the change's own), needs the policy
		// owners for a change to what judges it; a local check runs the
		// working tree's own policies.
		var pol []string
		switch {
		case in.MR != nil:
			pol = unique(append(cfg.PolicyPaths(in.ChangedPaths), in.PolicyPathsChanged...))
		case in.JudgeInChange:
			// Only the files that judge this very run: with the judge
			// taken from the target branch, the change's own copies of
			// the policy paths judge nothing.
			pol = unique(in.PolicyPathsChanged)
		}
		if len(pol) > 0 {
			r := Requirement{Kind: KindPolicy, What: "changes to the policies or gate configuration",
				Files: pol, Approvers: cfg.Approvals.PolicyOwners, Required: 1}
			switch {
			case in.MR == nil:
				r.Problem = "check reads them from this change, which cannot approve itself: in CI, take the configuration, " +
					"policies, waivers and baseline from the target branch (README: \"Take them from the target branch\")"
			case len(r.Approvers) == 0:
				r.Problem = "no one may approve policy changes: set approvals.policy_owners in " + configName(cfg)
			}
			v.Requirements = append(v.Requirements, r)
		}
	}
	if in.MR != nil && in.Policies != nil {
		rs, err := regoRequirements(ctx, in, ap)
		if err != nil {
			return nil, err
		}
		v.Requirements = append(v.Requirements, rs...)
	}

	for i := range v.Requirements {
		r := &v.Requirements[i]
		if ap != nil && r.Problem == "" {
			r.ApprovedBy, r.NotCounted = ap.count(ctx, r.Approvers, checker)
		}
		r.Satisfied = r.Problem == "" && ap != nil && len(r.ApprovedBy) >= r.Required
	}

	// Soft-mandatory findings: approved, or waiting for whom.
	if len(soft) > 0 {
		r := v.Requirements[0]
		for _, i := range soft {
			f := &rep.Findings[i]
			// addNote keeps what the waivers said (an inline waiver
			// ignored or without a reason).
			switch {
			case r.Satisfied:
				f.Blocking = false
				addNote(f, "soft-mandatory, approved by "+strings.Join(r.ApprovedBy, ", "))
			case r.Problem != "":
				addNote(f, "soft-mandatory: "+r.Problem)
			case v.Local:
				addNote(f, "soft-mandatory: needs approval from "+whoList(r.Approvers))
			default:
				addNote(f, fmt.Sprintf("soft-mandatory: needs approval from %s (%d of %d)", whoList(r.Approvers), r.Have(), r.Required))
			}
		}
	}

	rep.Sort()
	rep.Count()
	for _, f := range rep.Findings {
		if f.Waiver != nil && f.Waiver.Expired {
			v.Expired++
		}
		if !f.Blocking {
			continue
		}
		switch {
		case f.IsError():
			v.Errors++
		case f.Enforcement == string(config.SoftMandatory):
			v.Soft++
		default:
			v.Hard++
		}
	}
	v.Waived = rep.Summary.Waived
	unmet := 0
	for _, r := range v.Requirements {
		if !r.Satisfied {
			unmet++
		}
	}
	switch {
	case v.Hard > 0 || v.Errors > 0:
		v.Outcome = Fail
	case v.Soft > 0 || unmet > 0:
		v.Outcome = NeedsApproval
	default:
		v.Outcome = Pass
	}
	v.Title = v.title()
	return v, nil
}

func configName(c *config.Config) string {
	if c.Path != "" {
		return c.Path
	}
	return config.DefaultFile
}

// Blocking reports whether the verdict should fail the check (and exit 1).
func (v *Verdict) Blocking() bool { return v.Outcome != Pass }

// title states the verdict in one line.
func (v *Verdict) title() string {
	var s string
	switch v.Outcome {
	case Fail:
		var parts []string
		if v.Errors > 0 {
			parts = append(parts, plural(v.Errors, "file")+" could not be evaluated")
		}
		if v.Hard > 0 {
			parts = append(parts, plural(v.Hard, "hard-mandatory finding"))
		}
		s = "Failed: " + strings.Join(parts, ", ") + " (an approval cannot override)"
		if v.Errors > 0 && v.Hard == 0 {
			s = "Failed: " + strings.Join(parts, ", ")
		}
	case NeedsApproval:
		var parts []string
		for _, r := range v.Requirements {
			if r.Satisfied {
				continue
			}
			if r.Problem != "" {
				parts = append(parts, r.What+": no one can approve ("+r.Problem+")")
				continue
			}
			verb := "needs"
			if r.Kind == KindFindings && !strings.HasPrefix(r.What, "1 ") {
				verb = "need"
			}
			parts = append(parts, fmt.Sprintf("%s %s %s from %s", r.What, verb, plural(r.Required-r.Have(), "approval"), whoList(r.Approvers)))
		}
		s = "Needs approval: " + strings.Join(parts, "; ")
	default:
		var parts []string
		for _, r := range v.Requirements {
			if r.Satisfied {
				parts = append(parts, r.What+" approved")
			}
		}
		if v.Waived > 0 {
			parts = append(parts, plural(v.Waived, "finding")+" waived")
		}
		s = "Passed"
		if len(parts) > 0 {
			s += ": " + strings.Join(parts, ", ")
		} else {
			s += ": nothing blocks"
		}
	}
	return truncate(s, 255)
}

// whoList renders approvers for a sentence: "alice, bob or @acme/sre".
func whoList(approvers []string) string {
	switch len(approvers) {
	case 0:
		return "nobody"
	case 1:
		return approvers[0]
	}
	return strings.Join(approvers[:len(approvers)-1], ", ") + " or " + approvers[len(approvers)-1]
}

func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	cut := n - len("…")
	for cut > 0 && (s[cut]&0xC0) == 0x80 {
		cut--
	}
	return s[:cut] + "…"
}

func unique(in []string) []string {
	sort.Strings(in)
	out := in[:0]
	for i, s := range in {
		if i == 0 || s != in[i-1] {
			out = append(out, s)
		}
	}
	return out
}
