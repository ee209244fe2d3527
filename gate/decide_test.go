package gate

import (
	"context"
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/infragate/infragate/config"
	"github.com/infragate/infragate/engine"
)

const (
	headSHA = "1111111111111111111111111111111111111111"
	oldSHA  = "0000000000000000000000000000000000000000"
)

var t0 = time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)

// fakeTeams answers memberships from a table; teams not in it cannot be
// verified (as with a token that may not read org members).
type fakeTeams struct {
	members map[string][]string // "org/team" -> logins
	calls   int
}

var errCannotVerify = errors.New("team membership cannot be verified with this token")

func (f *fakeTeams) IsTeamMember(_ context.Context, org, team, user string) (bool, error) {
	f.calls++
	ms, ok := f.members[org+"/"+team]
	if !ok {
		return false, errCannotVerify
	}
	for _, m := range ms {
		if m == user {
			return true, nil
		}
	}
	return false, nil
}

const scenarioConfig = `
enforcement:
  default: hard-mandatory
  rules:
    IG-SOFT-*: soft-mandatory
approvals:
  approvers: [alice, "@acme/platform", "@acme/secret"]
  required: 1
  paths:
    - {match: "envs/prod/**", approvers: ["@acme/sre"], required: 2}
  policy_owners: ["@acme/security"]
waivers:
  file: .infragate/waivers.yaml
`

func mustConfig(t *testing.T, src string) *config.Config {
	t.Helper()
	c, err := config.Parse(".infragate.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func finding(id, file string, line int) engine.Finding {
	return engine.Finding{Level: engine.LevelFailure, ID: id, Rule: "data.main.deny", Message: id + " message",
		File: file, StartLine: line, EndLine: line, Blocking: true}
}

func approve(user, sha string, at int) Review {
	return Review{User: user, State: "APPROVED", CommitID: sha, SubmittedAt: t0.Add(time.Duration(at) * time.Minute)}
}

func TestScenarios(t *testing.T) {
	teams := &fakeTeams{members: map[string][]string{
		"acme/platform": {"pat"},
		"acme/sre":      {"sam", "sue"},
		"acme/security": {"sec"},
	}}
	waivers := `waivers:
  - {id: IG-HARD-1, path: "envs/dev/**", reason: accepted risk, expires: 2026-12-31, owner: alice}
  - {id: IG-HARD-2, path: "envs/dev/**", reason: old exception, expires: 2025-12-31, owner: bob}
`
	wf, err := ParseWaivers(".infragate/waivers.yaml", []byte(waivers))
	if err != nil {
		t.Fatal(err)
	}
	files := map[string]string{
		"envs/dev/inline.tf": "resource \"aws_s3_bucket\" \"a\" {\n  # infragate:ignore IG-SOFT-3,IG-HARD-3 bucket is public by design\n  acl = \"public-read\"\n}\n",
	}
	read := func(p string) ([]byte, error) {
		if s, ok := files[p]; ok {
			return []byte(s), nil
		}
		return nil, errors.New("no such file")
	}
	for _, tc := range []struct {
		name     string
		findings []engine.Finding
		reviews  []Review
		changed  []string
		config   string
		outcome  Outcome
		title    string   // substring
		markdown []string // substrings
		notes    []string // notes of the findings, in order
	}{
		{
			name:    "clean",
			changed: []string{"envs/dev/main.tf"},
			outcome: Pass, title: "Passed: nothing blocks",
		},
		{
			name:     "hard-mandatory finding with an approval fails",
			findings: []engine.Finding{finding("IG-HARD-1", "envs/qa/main.tf", 3)},
			reviews:  []Review{approve("alice", headSHA, 1)},
			changed:  []string{"envs/qa/main.tf"},
			outcome:  Fail, title: "Failed: 1 hard-mandatory finding (an approval cannot override)",
			markdown: []string{"Hard-mandatory findings block whatever the approvals"},
		},
		{
			name:     "soft-mandatory approved by an approver on the head commit passes",
			findings: []engine.Finding{finding("IG-SOFT-1", "envs/qa/main.tf", 3)},
			reviews:  []Review{approve("alice", headSHA, 1)},
			changed:  []string{"envs/qa/main.tf"},
			outcome:  Pass, title: "Passed: 1 soft-mandatory finding approved",
			notes:    []string{"soft-mandatory, approved by alice"},
			markdown: []string{"| 1 soft-mandatory finding | `alice`, `@acme/platform`, `@acme/secret` | 1 of 1: alice | ✅ approved |"},
		},
		{
			name:     "approved on an older commit needs approval",
			findings: []engine.Finding{finding("IG-SOFT-1", "envs/qa/main.tf", 3)},
			reviews:  []Review{approve("alice", oldSHA, 1)},
			changed:  []string{"envs/qa/main.tf"},
			outcome:  NeedsApproval, title: "Needs approval: 1 soft-mandatory finding needs 1 approval from alice, @acme/platform or @acme/secret",
			notes:    []string{"soft-mandatory: needs approval from alice, @acme/platform or @acme/secret (0 of 1)"},
			markdown: []string{"alice: approved an earlier commit (0000000); approvals count only for the latest commit (1111111)", "re-runs the gate"},
		},
		{
			name:     "approved by the author needs approval",
			findings: []engine.Finding{finding("IG-SOFT-1", "envs/qa/main.tf", 3)},
			reviews:  []Review{approve("Author", headSHA, 1)},
			config:   strings.Replace(scenarioConfig, "[alice,", "[author, alice,", 1),
			changed:  []string{"envs/qa/main.tf"},
			outcome:  NeedsApproval,
			markdown: []string{"Author: the author's own approval does not count"},
		},
		{
			name:     "approved then changes requested by the same reviewer",
			findings: []engine.Finding{finding("IG-SOFT-1", "envs/qa/main.tf", 3)},
			reviews: []Review{approve("alice", headSHA, 1),
				{User: "alice", State: "CHANGES_REQUESTED", CommitID: headSHA, SubmittedAt: t0.Add(2 * time.Minute)},
				{User: "alice", State: "COMMENTED", CommitID: headSHA, SubmittedAt: t0.Add(3 * time.Minute)}},
			changed:  []string{"envs/qa/main.tf"},
			outcome:  NeedsApproval,
			markdown: []string{"alice: requested changes after approving"},
		},
		{
			name:     "a later comment does not cancel an approval",
			findings: []engine.Finding{finding("IG-SOFT-1", "envs/qa/main.tf", 3)},
			reviews: []Review{approve("alice", headSHA, 1),
				{User: "alice", State: "COMMENTED", CommitID: headSHA, SubmittedAt: t0.Add(3 * time.Minute)}},
			changed: []string{"envs/qa/main.tf"},
			outcome: Pass,
		},
		{
			name:     "team approver verified",
			findings: []engine.Finding{finding("IG-SOFT-1", "envs/qa/main.tf", 3)},
			reviews:  []Review{approve("pat", headSHA, 1)},
			changed:  []string{"envs/qa/main.tf"},
			outcome:  Pass,
			notes:    []string{"soft-mandatory, approved by pat"},
		},
		{
			name:     "team approver not verifiable",
			findings: []engine.Finding{finding("IG-SOFT-1", "envs/qa/main.tf", 3)},
			reviews:  []Review{approve("zed", headSHA, 1)},
			changed:  []string{"envs/qa/main.tf"},
			outcome:  NeedsApproval,
			markdown: []string{"zed: membership in @\u200dacme/secret cannot be verified (team membership cannot be verified with this token)"},
		},
		{
			name:     "prod path without approvals",
			changed:  []string{"envs/prod/main.tf", "README.md"},
			outcome:  NeedsApproval,
			title:    "Needs approval: changes to envs/prod/** needs 2 approvals from @acme/sre",
			markdown: []string{"| changes to envs/prod/\\*\\*<br>`envs/prod/main.tf` | `@acme/sre` | 0 of 2 | ⏳ waiting |"},
		},
		{
			name:    "prod path with one approval",
			reviews: []Review{approve("sam", headSHA, 1)},
			changed: []string{"envs/prod/main.tf"},
			outcome: NeedsApproval, title: "Needs approval: changes to envs/prod/** needs 1 approval from @acme/sre",
		},
		{
			name:    "prod path with two approvals",
			reviews: []Review{approve("sam", headSHA, 1), approve("sue", headSHA, 2)},
			changed: []string{"envs/prod/main.tf"},
			outcome: Pass, title: "Passed: changes to envs/prod/** approved",
		},
		{
			name:     "a PR changing the policy that blocks it",
			findings: []engine.Finding{finding("IG-HARD-1", "envs/qa/main.tf", 3)},
			changed:  []string{"envs/qa/main.tf", ".infragate.yaml"},
			reviews:  []Review{approve("alice", headSHA, 1)},
			outcome:  Fail,
			markdown: []string{"| changes to the policies or gate configuration<br>`.infragate.yaml` | `@acme/security` | 0 of 1 | ⏳ waiting |"},
		},
		{
			name:     "expired waiver blocks",
			findings: []engine.Finding{finding("IG-HARD-2", "envs/dev/main.tf", 3)},
			changed:  []string{"envs/dev/main.tf"},
			outcome:  Fail,
			notes:    []string{"the waiver expired on 2025-12-31 and no longer applies: fix the finding or renew the waiver"},
			markdown: []string{"1 finding matched an expired waiver"},
		},
		{
			name:     "valid waiver passes",
			findings: []engine.Finding{finding("IG-HARD-1", "envs/dev/main.tf", 3)},
			changed:  []string{"envs/dev/main.tf"},
			outcome:  Pass, title: "Passed: 1 finding waived",
			notes: []string{""},
		},
		{
			name:     "inline waiver applies to a soft-mandatory finding",
			findings: []engine.Finding{finding("IG-SOFT-3", "envs/dev/inline.tf", 3)},
			changed:  []string{"envs/dev/inline.tf"},
			outcome:  Pass, title: "Passed: 1 finding waived",
			notes: []string{""},
		},
		{
			name:     "inline waiver does not clear a hard-mandatory finding",
			findings: []engine.Finding{finding("IG-HARD-3", "envs/dev/inline.tf", 3)},
			changed:  []string{"envs/dev/inline.tf"},
			reviews:  []Review{approve("alice", headSHA, 1)},
			outcome:  Fail, title: "Failed: 1 hard-mandatory finding (an approval cannot override)",
			notes: []string{"the inline waiver on line 2 is not honoured: hard-mandatory findings are waived only in the waivers file"},
		},
		{
			name:     "inline waivers disabled",
			findings: []engine.Finding{finding("IG-HARD-3", "envs/dev/inline.tf", 3)},
			changed:  []string{"envs/dev/inline.tf"},
			config:   scenarioConfig + "  inline: false\n",
			outcome:  Fail,
			notes:    []string{"the inline waiver on line 2 is ignored: waivers.inline is false"},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			src := tc.config
			if src == "" {
				src = scenarioConfig
			}
			rep := &engine.Report{Findings: append([]engine.Finding(nil), tc.findings...)}
			v, err := Decide(context.Background(), Input{
				Report: rep, Config: mustConfig(t, src), Teams: teams, Now: t0, ReadFile: read, Waivers: wf,
				ChangedPaths: tc.changed,
				MR: &MR{Number: 7, Author: "author", BaseRef: "main", BaseSHA: oldSHA, HeadRef: "feature", HeadSHA: headSHA,
					Reviews: tc.reviews},
			})
			if err != nil {
				t.Fatal(err)
			}
			md := v.Markdown()
			if v.Outcome != tc.outcome {
				t.Errorf("outcome %s, want %s (title %q)\n%s", v.Outcome, tc.outcome, v.Title, md)
			}
			if !strings.Contains(v.Title, tc.title) {
				t.Errorf("title %q, want it to contain %q", v.Title, tc.title)
			}
			for _, s := range tc.markdown {
				if !strings.Contains(md, s) {
					t.Errorf("markdown lacks %q:\n%s", s, md)
				}
			}
			if tc.notes != nil {
				var notes []string
				for _, f := range rep.Findings {
					notes = append(notes, f.Note)
				}
				if d := cmp.Diff(tc.notes, notes); d != "" {
					t.Errorf("notes (-want +got):\n%s", d)
				}
			}
			wantBlocking := 0
			if tc.outcome == Fail || (tc.outcome == NeedsApproval && len(tc.findings) > 0) {
				wantBlocking = len(tc.findings)
			}
			if rep.Summary.Blocking != wantBlocking {
				t.Errorf("summary blocking %d, want %d", rep.Summary.Blocking, wantBlocking)
			}
		})
	}
}

func TestWaivedFindingsAreListed(t *testing.T) {
	wf, err := ParseWaivers("w.yaml", []byte("waivers:\n  - {id: IG-1, path: a.tf, resource: aws_s3_bucket.x, reason: ok, owner: alice}\n"))
	if err != nil {
		t.Fatal(err)
	}
	x, y := finding("IG-1", "a.tf", 1), finding("IG-1", "a.tf", 5)
	x.Resource, y.Resource = "aws_s3_bucket.x", "aws_s3_bucket.y"
	rep := &engine.Report{Findings: []engine.Finding{x, y}}
	v, err := Decide(context.Background(), Input{Report: rep, Waivers: wf, Now: t0})
	if err != nil {
		t.Fatal(err)
	}
	want := &engine.Waiver{Source: "w.yaml", Line: 2, Reason: "ok", Owner: "alice"}
	if d := cmp.Diff(want, rep.Findings[0].Waiver); d != "" {
		t.Errorf("waiver of the matching resource (-want +got):\n%s", d)
	}
	if rep.Findings[1].Waiver != nil || !rep.Findings[1].Blocking {
		t.Errorf("another resource must not be waived: %+v", rep.Findings[1])
	}
	if rep.Summary.Waived != 1 || v.Waived != 1 || v.Outcome != Fail {
		t.Errorf("waived %d/%d, outcome %s", rep.Summary.Waived, v.Waived, v.Outcome)
	}
}

func TestEnforcementLevels(t *testing.T) {
	cfg := mustConfig(t, `enforcement:
  default: soft-mandatory
  rules:
    IG-AWS-S3-004: advisory
    "IG-AWS-*": hard-mandatory
    critical: hard-mandatory
    low: advisory
    IG-WARN-1: soft-mandatory
`)
	rules := []engine.Rule{
		{ID: "IG-META", Enforcement: "advisory"},
		{ID: "IG-BAD-META", Enforcement: "sometimes"},
		{ID: "IG-SEV", Severity: "low"},
	}
	enf := NewEnforcement(cfg, rules)
	sev := func(f engine.Finding, s string) engine.Finding { f.Severity = s; return f }
	warn := func(f engine.Finding) engine.Finding { f.Level = engine.LevelWarning; return f }
	for _, tc := range []struct {
		f          engine.Finding
		failOnWarn bool
		want       config.Level
	}{
		{finding("IG-AWS-S3-004", "a", 1), false, config.Advisory},      // exact id beats glob
		{finding("IG-AWS-S3-001", "a", 1), false, config.HardMandatory}, // glob
		{sev(finding("IG-X", "a", 1), "critical"), false, config.HardMandatory},
		{finding("IG-SEV", "a", 1), false, config.Advisory},               // severity from the rule catalogue
		{finding("IG-META", "a", 1), false, config.Advisory},              // METADATA
		{finding("IG-BAD-META", "a", 1), false, config.HardMandatory},     // unknown METADATA level: strictest
		{finding("IG-OTHER", "a", 1), false, config.SoftMandatory},        // default
		{warn(finding("IG-OTHER", "a", 1)), false, config.Advisory},       // warnings are advisory
		{warn(finding("IG-WARN-1", "a", 1)), false, config.SoftMandatory}, // unless named by id
		{warn(finding("IG-OTHER", "a", 1)), true, config.SoftMandatory},   // or --fail-on-warn
		{finding(engine.IDParseError, "a", 1), false, config.HardMandatory},
		{sev(finding(engine.IDEvalError, "a", 1), "low"), false, config.HardMandatory},
	} {
		if got := enf.Level(tc.f, tc.failOnWarn); got != tc.want {
			t.Errorf("%s (%s, severity %q, failOnWarn %v): %s, want %s", tc.f.ID, tc.f.Level, tc.f.Severity, tc.failOnWarn, got, tc.want)
		}
	}
}

func TestAdvisoryNeverBlocksAndScopeIsKept(t *testing.T) {
	cfg := mustConfig(t, "enforcement: {default: advisory}\n")
	out := finding("IG-2", "b.tf", 1)
	out.Blocking, out.Note = false, "in a file this change does not touch"
	errF := finding(engine.IDParseError, "c.tf", 1)
	rep := &engine.Report{Findings: []engine.Finding{finding("IG-1", "a.tf", 1), out, errF}}
	v, err := Decide(context.Background(), Input{Report: rep, Config: cfg, Now: t0})
	if err != nil {
		t.Fatal(err)
	}
	got := rep.Findings
	if got[0].Blocking || got[0].Note != "advisory: reported, does not block" || got[0].Enforcement != "advisory" {
		t.Errorf("advisory finding: %+v", got[0])
	}
	if got[1].Blocking || got[1].Note != "in a file this change does not touch" {
		t.Errorf("out-of-scope finding changed: %+v", got[1])
	}
	if !got[2].Blocking || got[2].Enforcement != "hard-mandatory" {
		t.Errorf("a parse error must block: %+v", got[2])
	}
	if v.Outcome != Fail || v.Errors != 1 || v.Title != "Failed: 1 file could not be evaluated" {
		t.Errorf("verdict %+v", v)
	}
}

func TestLocalCheckSaysWhoWouldApprove(t *testing.T) {
	cfg := mustConfig(t, scenarioConfig)
	rep := &engine.Report{Findings: []engine.Finding{finding("IG-SOFT-1", "a.tf", 1)}}
	v, err := Decide(context.Background(), Input{Report: rep, Config: cfg, Now: t0})
	if err != nil {
		t.Fatal(err)
	}
	if v.Outcome != NeedsApproval || !v.Local || !v.Blocking() {
		t.Errorf("verdict %+v", v)
	}
	if got := rep.Findings[0].Note; got != "soft-mandatory: needs approval from alice, @acme/platform or @acme/secret" {
		t.Errorf("note %q", got)
	}
	if !rep.Findings[0].Blocking || rep.Summary.Blocking != 1 {
		t.Error("a finding that needs approval blocks a local check")
	}
	md := v.Markdown()
	if !strings.Contains(md, "needed in the pull request") || strings.Contains(md, "re-runs the gate") {
		t.Errorf("local markdown:\n%s", md)
	}
}

func TestNoApproversConfigured(t *testing.T) {
	rep := &engine.Report{Findings: []engine.Finding{finding("IG-1", "a.tf", 1)}}
	cfg := mustConfig(t, "enforcement: {default: soft-mandatory}\n")
	v, err := Decide(context.Background(), Input{Report: rep, Config: cfg, Now: t0, ChangedPaths: []string{"policy/x.rego", "a.tf"},
		PolicyPathsChanged: []string{"policy/x.rego"},
		MR:                 &MR{Author: "a", HeadSHA: headSHA, Reviews: []Review{approve("bob", headSHA, 1)}}})
	if err != nil {
		t.Fatal(err)
	}
	if v.Outcome != NeedsApproval {
		t.Fatalf("outcome %s", v.Outcome)
	}
	if len(v.Requirements) != 2 || v.Requirements[0].Problem == "" || v.Requirements[1].Problem == "" || v.Requirements[1].Satisfied {
		t.Errorf("requirements without approvers must be unsatisfiable: %+v", v.Requirements)
	}
	if !strings.Contains(v.Title, "1 soft-mandatory finding: no one can approve") {
		t.Errorf("title %q", v.Title)
	}
}

func TestTeamLookupsAreCached(t *testing.T) {
	teams := &fakeTeams{members: map[string][]string{"acme/sre": {"sam"}}}
	cfg := mustConfig(t, `enforcement: {default: soft-mandatory}
approvals:
  approvers: ["@acme/sre"]
  paths: [{match: "prod/", approvers: ["@acme/sre"]}]
`)
	rep := &engine.Report{Findings: []engine.Finding{finding("IG-1", "prod/a.tf", 1)}}
	v, err := Decide(context.Background(), Input{Report: rep, Config: cfg, Teams: teams, Now: t0, ChangedPaths: []string{"prod/a.tf"},
		MR: &MR{Author: "a", HeadSHA: headSHA, Reviews: []Review{approve("sam", headSHA, 1)}}})
	if err != nil {
		t.Fatal(err)
	}
	if v.Outcome != Pass || teams.calls != 1 {
		t.Errorf("outcome %s after %d lookups", v.Outcome, teams.calls)
	}
}

// fakeQuerier returns fixed values for the approval query and records the
// data it was given.
type fakeQuerier struct {
	vals  []any
	extra map[string]any
}

func (q *fakeQuerier) Query(_ context.Context, query string, extra map[string]any) ([]any, error) {
	if query != ApprovalQuery {
		return nil, errors.New("unexpected query " + query)
	}
	q.extra = extra
	return q.vals, nil
}

func TestRegoRequirements(t *testing.T) {
	teams := &fakeTeams{members: map[string][]string{"acme/security": {"sec"}}}
	q := &fakeQuerier{vals: []any{[]any{map[string]any{"approvers": []any{"@acme/security"}, "required": jsonNumber("1"), "reason": "IAM change"}}}}
	mr := &MR{Number: 9, Author: "a", Labels: []string{"iam"}, HeadSHA: headSHA, Reviews: []Review{approve("sec", oldSHA, 1)}}
	rep := &engine.Report{}
	v, err := Decide(context.Background(), Input{Report: rep, Policies: q, Teams: teams, Now: t0, MR: mr, ChangedPaths: []string{"iam.tf"}})
	if err != nil {
		t.Fatal(err)
	}
	if v.Outcome != NeedsApproval || len(v.Requirements) != 1 || v.Requirements[0].What != "IAM change" {
		t.Fatalf("verdict %+v", v)
	}
	got := q.extra["infragate"].(map[string]any)["mr"].(map[string]any)
	if got["author"] != "a" || got["number"] != jsonNumber("9") || len(got["changed_files"].([]any)) != 1 || len(got["approvals"].([]any)) != 0 {
		t.Errorf("data.infragate.mr = %v", got)
	}
	mr.Reviews = append(mr.Reviews, approve("sec", headSHA, 2))
	v, err = Decide(context.Background(), Input{Report: &engine.Report{}, Policies: q, Teams: teams, Now: t0, MR: mr})
	if err != nil || v.Outcome != Pass {
		t.Errorf("approved Rego requirement: %v %+v", err, v)
	}
	for _, bad := range []any{"x", map[string]any{"required": jsonNumber("1")}, map[string]any{"approvers": []any{"a"}, "who": 1},
		map[string]any{"approvers": []any{"a"}, "required": jsonNumber("0")}} {
		q.vals = []any{bad}
		if _, err := Decide(context.Background(), Input{Report: &engine.Report{}, Policies: q, Now: t0, MR: mr}); err == nil {
			t.Errorf("malformed requirement %v accepted", bad)
		}
	}
}

func jsonNumber(s string) any { return json.Number(s) }

func TestLocalPolicyChangesNeedNoOwners(t *testing.T) {
	v, err := Decide(context.Background(), Input{Report: &engine.Report{}, Now: t0,
		ChangedPaths: []string{".infragate.yaml", "policy/p.rego"}, PolicyPathsChanged: []string{"policy/p.rego"}})
	if err != nil || v.Outcome != Pass || len(v.Requirements) != 0 {
		t.Errorf("local check of a policy change: %v %+v", err, v)
	}
}

// TestJudgeInChange: check --base in CI reads the policies from the change
// itself, so a change to them needs the policy owners, and blocks.
func TestJudgeInChange(t *testing.T) {
	v, err := Decide(context.Background(), Input{Report: &engine.Report{}, Now: t0, JudgeInChange: true,
		ChangedPaths: []string{"main.tf", "policy/p.rego"}, PolicyPathsChanged: []string{"policy/p.rego"}})
	if err != nil || v.Outcome != NeedsApproval || len(v.Requirements) != 1 || v.Requirements[0].Kind != KindPolicy {
		t.Errorf("CI check of a policy change: %v %+v", err, v)
	}
	v, err = Decide(context.Background(), Input{Report: &engine.Report{}, Now: t0, JudgeInChange: true,
		ChangedPaths: []string{"main.tf"}})
	if err != nil || v.Outcome != Pass {
		t.Errorf("CI check of a plain change: %v %+v", err, v)
	}
}
