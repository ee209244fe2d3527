package gate

import (
	"context"
	"encoding/json"
	"fmt"
	"sort"
	"strings"

	"github.com/infragate/infragate/config"
)

// approvals are the reviews of a pull request, reduced to who approved.
type approvals struct {
	// valid are the logins whose approval counts (sorted).
	valid []string
	// ignored says why other approvals do not count.
	ignored []string
}

// countReviews keeps each reviewer's latest review that carries a verdict
// (COMMENTED and PENDING reviews do not replace an earlier approval or
// change request, as on GitHub). An approval counts when that latest
// review is APPROVED, on the head commit, and not by the author.
func countReviews(mr *MR) *approvals {
	type state struct {
		last      Review
		order     int
		approved  bool // approved at some point
		hasLatest bool
	}
	users := map[string]*state{}
	var names []string
	for i, r := range mr.Reviews {
		key := strings.ToLower(r.User)
		if key == "" {
			continue
		}
		st, ok := users[key]
		if !ok {
			st = &state{}
			users[key] = st
			names = append(names, key)
		}
		switch strings.ToUpper(r.State) {
		case "APPROVED", "CHANGES_REQUESTED", "DISMISSED":
		default:
			continue
		}
		if strings.EqualFold(r.State, "APPROVED") || strings.EqualFold(r.State, "DISMISSED") {
			st.approved = true
		}
		// Latest by submission time; reviews without a time (or at the
		// same time) keep the listing order, which is oldest first.
		if !st.hasLatest || !r.SubmittedAt.Before(st.last.SubmittedAt) {
			st.last, st.order, st.hasLatest = r, i, true
		}
	}
	sort.Strings(names)
	a := &approvals{}
	for _, key := range names {
		st := users[key]
		if !st.hasLatest {
			continue
		}
		r := st.last
		login := r.User
		switch {
		case !strings.EqualFold(r.State, "APPROVED"):
			if st.approved {
				switch strings.ToUpper(r.State) {
				case "DISMISSED":
					a.ignored = append(a.ignored, login+": the approval was dismissed")
				default:
					a.ignored = append(a.ignored, login+": requested changes after approving")
				}
			}
		case strings.EqualFold(login, mr.Author):
			a.ignored = append(a.ignored, login+": the author's own approval does not count")
		case mr.HeadSHA == "" || r.CommitID != mr.HeadSHA:
			a.ignored = append(a.ignored, fmt.Sprintf("%s: approved an earlier commit (%s); approvals count only for the latest commit (%s)",
				login, short(r.CommitID), short(mr.HeadSHA)))
		default:
			a.valid = append(a.valid, login)
		}
	}
	return a
}

func short(sha string) string {
	if sha == "" {
		return "unknown"
	}
	if len(sha) > 7 {
		return sha[:7]
	}
	return sha
}

// count returns which valid approvals count for approvers, and why the
// other approving reviewers do not.
func (a *approvals) count(ctx context.Context, approvers []string, teams *teamCache) (by, notCounted []string) {
	for _, user := range a.valid {
		ok := false
		var why []string
		for _, ap := range approvers {
			if !strings.HasPrefix(ap, "@") {
				if strings.EqualFold(ap, user) {
					ok = true
					break
				}
				continue
			}
			org, team, _ := strings.Cut(strings.TrimPrefix(ap, "@"), "/")
			member, err := teams.isMember(ctx, org, team, user)
			if err != nil {
				why = append(why, fmt.Sprintf("membership in %s cannot be verified (%v)", ap, err))
				continue
			}
			if member {
				ok = true
				break
			}
		}
		switch {
		case ok:
			by = append(by, user)
		case len(why) > 0:
			notCounted = append(notCounted, user+": "+strings.Join(why, "; "))
		default:
			notCounted = append(notCounted, user+": not among the approvers")
		}
	}
	return by, notCounted
}

// teamCache asks each membership question once per decision.
type teamCache struct {
	teams TeamChecker
	seen  map[string]teamAnswer
}

type teamAnswer struct {
	member bool
	err    error
}

func (c *teamCache) isMember(ctx context.Context, org, team, user string) (bool, error) {
	if c.teams == nil {
		return false, fmt.Errorf("no team lookup available")
	}
	key := strings.ToLower(org + "/" + team + "/" + user)
	if a, ok := c.seen[key]; ok {
		return a.member, a.err
	}
	m, err := c.teams.IsTeamMember(ctx, org, team, user)
	if err != nil {
		m = false
	}
	c.seen[key] = teamAnswer{m, err}
	return m, err
}

// MRData is the pull request as approval policies see it in
// data.infragate.mr.
func MRData(mr *MR, changed []string, approved []string) map[string]any {
	files := make([]any, 0, len(changed))
	for _, p := range changed {
		files = append(files, p)
	}
	labels := make([]any, 0, len(mr.Labels))
	for _, l := range mr.Labels {
		labels = append(labels, l)
	}
	apps := make([]any, 0, len(approved))
	for _, a := range approved {
		apps = append(apps, a)
	}
	return map[string]any{
		"number":        json.Number(fmt.Sprint(mr.Number)),
		"author":        mr.Author,
		"labels":        labels,
		"draft":         mr.Draft,
		"base":          map[string]any{"ref": mr.BaseRef, "sha": mr.BaseSHA},
		"head":          map[string]any{"ref": mr.HeadRef, "sha": mr.HeadSHA},
		"changed_files": files,
		"approvals":     apps,
	}
}

// regoRequirements evaluates the `require` rules of package
// infragate.approval. Each value is an object
// {"approvers": [...], "required": N, "reason": "..."}; a set or array of
// them is flattened.
func regoRequirements(ctx context.Context, in Input, ap *approvals) ([]Requirement, error) {
	infra := map[string]any{"mr": MRData(in.MR, in.ChangedPaths, ap.valid)}
	if in.Changes != nil {
		infra["changes"] = in.Changes
	}
	vals, err := in.Policies.Query(ctx, ApprovalQuery, map[string]any{"infragate": infra})
	if err != nil {
		return nil, fmt.Errorf("approval policy: %w", err)
	}
	var objs []any
	for _, v := range vals {
		switch x := v.(type) {
		case []any:
			objs = append(objs, x...)
		default:
			objs = append(objs, x)
		}
	}
	var out []Requirement
	for _, o := range objs {
		r, err := regoRequirement(o)
		if err != nil {
			return nil, fmt.Errorf("approval policy (%s): %w", ApprovalQuery, err)
		}
		out = append(out, r)
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].What < out[j].What })
	return out, nil
}

func regoRequirement(o any) (Requirement, error) {
	m, ok := o.(map[string]any)
	if !ok {
		return Requirement{}, fmt.Errorf("require must give objects like {\"approvers\": [\"@org/team\"], \"required\": 1, \"reason\": \"...\"}, not %v", o)
	}
	r := Requirement{Kind: KindRego, Required: 1}
	for k, v := range m {
		switch k {
		case "approvers":
			var list []any
			switch x := v.(type) {
			case string:
				list = []any{x}
			case []any:
				list = x
			default:
				return r, fmt.Errorf("approvers must be a list of users and @org/teams")
			}
			for _, e := range list {
				s, ok := e.(string)
				if !ok {
					return r, fmt.Errorf("approvers must be strings, not %v", e)
				}
				n, err := config.NormalizeApprover(s)
				if err != nil {
					return r, err
				}
				r.Approvers = append(r.Approvers, n)
			}
		case "required":
			n, err := jsonInt(v)
			if err != nil || n < 1 {
				return r, fmt.Errorf("required must be a whole number of at least 1, not %v", v)
			}
			r.Required = n
		case "reason":
			s, ok := v.(string)
			if !ok {
				return r, fmt.Errorf("reason must be a string, not %v", v)
			}
			r.What = s
		default:
			return r, fmt.Errorf("unknown key %q in a requirement (known: approvers, required, reason)", k)
		}
	}
	if len(r.Approvers) == 0 {
		return r, fmt.Errorf("a requirement needs approvers")
	}
	if r.What == "" {
		r.What = "approval policy requirement"
	}
	return r, nil
}

func jsonInt(v any) (int, error) {
	switch x := v.(type) {
	case json.Number:
		i, err := x.Int64()
		return int(i), err
	case float64:
		if x != float64(int(x)) {
			return 0, fmt.Errorf("not a whole number")
		}
		return int(x), nil
	case int:
		return x, nil
	case int64:
		return int(x), nil
	}
	return 0, fmt.Errorf("not a number")
}
