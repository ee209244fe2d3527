package gate

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/infragate/infragate/engine"
)

// TestApprovalPolicyWithEngine runs package infragate.approval through a
// real engine: requirements come from Rego and see data.infragate.mr.
func TestApprovalPolicyWithEngine(t *testing.T) {
	dir := t.TempDir()
	write := func(name, src string) {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("main.rego", "package main\ndeny contains \"never\" if input.never\n")
	write("approval.rego", `package infragate.approval

require contains {"approvers": ["@acme/security"], "required": 1, "reason": "IAM change"} if {
	some f in data.infragate.mr.changed_files
	contains(f, "iam")
}

require contains {"approvers": ["bob"], "reason": sprintf("label %s", [l])} if {
	some l in data.infragate.mr.labels
	l == "needs-bob"
	not "bob" in data.infragate.mr.approvals
}
`)
	eng, err := engine.New(context.Background(), engine.Options{Policies: []string{dir}})
	if err != nil {
		t.Fatal(err)
	}
	teams := &fakeTeams{members: map[string][]string{"acme/security": {"sec"}}}
	mr := &MR{Number: 3, Author: "dev", Labels: []string{"needs-bob"}, HeadSHA: headSHA,
		Reviews: []Review{approve("sec", headSHA, 1)}}
	v, err := Decide(context.Background(), Input{Report: &engine.Report{}, MR: mr, Teams: teams, Policies: eng, Now: t0,
		ChangedPaths: []string{"modules/iam/main.tf"}})
	if err != nil {
		t.Fatal(err)
	}
	if len(v.Requirements) != 2 {
		t.Fatalf("requirements %+v", v.Requirements)
	}
	iam, label := v.Requirements[0], v.Requirements[1]
	if iam.What != "IAM change" || !iam.Satisfied || strings.Join(iam.ApprovedBy, ",") != "sec" {
		t.Errorf("IAM requirement %+v", iam)
	}
	if label.What != "label needs-bob" || label.Satisfied || v.Outcome != NeedsApproval {
		t.Errorf("label requirement %+v, outcome %s", label, v.Outcome)
	}
	// Bob approves: the label rule sees him in data.infragate.mr.approvals.
	mr.Reviews = append(mr.Reviews, approve("bob", headSHA, 2))
	v, err = Decide(context.Background(), Input{Report: &engine.Report{}, MR: mr, Teams: teams, Policies: eng, Now: t0,
		ChangedPaths: []string{"modules/iam/main.tf"}})
	if err != nil || v.Outcome != Pass || len(v.Requirements) != 1 {
		t.Errorf("after bob's approval: %v %+v", err, v)
	}
	// Without the package, there are no requirements.
	other := t.TempDir()
	os.WriteFile(filepath.Join(other, "main.rego"), []byte("package main\ndeny contains \"x\" if input.x\n"), 0o644)
	eng2, err := engine.New(context.Background(), engine.Options{Policies: []string{other}})
	if err != nil {
		t.Fatal(err)
	}
	v, err = Decide(context.Background(), Input{Report: &engine.Report{}, MR: mr, Policies: eng2, Now: t0})
	if err != nil || v.Outcome != Pass || len(v.Requirements) != 0 {
		t.Errorf("no approval package: %v %+v", err, v)
	}
}

func TestMarkdownEscapes(t *testing.T) {
	v := &Verdict{Outcome: NeedsApproval, Title: "Needs approval: x",
		Requirements: []Requirement{{Kind: KindRego, What: "<b>@team</b> | pwn", Approvers: []string{"@acme/sre"}, Required: 1,
			Files: []string{"a|b`.tf"}, NotCounted: []string{"eve: not among the approvers"}}}}
	md := v.Markdown()
	for _, want := range []string{"&lt;b&gt;@\u200dteam&lt;/b&gt; \\| pwn", "`a?b?.tf`", "`@acme/sre`", "- eve: not among the approvers", "re-runs the gate"} {
		if !strings.Contains(md, want) {
			t.Errorf("markdown lacks %q:\n%s", want, md)
		}
	}
	if strings.Contains(md, "<b>") {
		t.Errorf("HTML not escaped:\n%s", md)
	}
}
