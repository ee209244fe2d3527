package github

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/infragate/infragate/internal/fakegithub"
)

func TestEnvFrom(t *testing.T) {
	vars := map[string]string{
		"GITHUB_EVENT_NAME": "pull_request", "GITHUB_EVENT_PATH": "/e.json", "GITHUB_REPOSITORY": "acme/infra",
		"GITHUB_SHA": "abc", "GITHUB_WORKSPACE": "/w", "GITHUB_STEP_SUMMARY": "/s.md",
		"INFRAGATE_GITHUB_TOKEN": "tok-ig", "GITHUB_TOKEN": "tok-gh",
	}
	get := func(k string) string { return vars[k] }
	e := EnvFrom(get, "")
	want := Env{EventName: "pull_request", EventPath: "/e.json", Repository: "acme/infra", APIURL: DefaultAPIURL,
		SHA: "abc", Workspace: "/w", StepSummary: "/s.md", Token: "tok-ig"}
	if diff := cmp.Diff(want, e); diff != "" {
		t.Errorf("EnvFrom (-want +got):\n%s", diff)
	}
	if got := EnvFrom(get, "tok-flag").Token; got != "tok-flag" {
		t.Errorf("flag token: got %q", got)
	}
	delete(vars, "INFRAGATE_GITHUB_TOKEN")
	if got := EnvFrom(get, "").Token; got != "tok-gh" {
		t.Errorf("GITHUB_TOKEN fallback: got %q", got)
	}
	if s := EnvFrom(get, "").String(); strings.Contains(s, "tok-gh") {
		t.Errorf("Env.String shows the token: %s", s)
	}
}

const prPayload = `{"action":"%s","number":7,"pull_request":{"number":7,"title":"Add bucket","state":"open","draft":true,
 "user":{"login":"dev"},"labels":[{"name":"infra"},{"name":"prod"}],"changed_files":2,
 "base":{"ref":"main","sha":"bbb","repo":{"full_name":"acme/infra"}},
 "head":{"ref":"feature","sha":"hhh","repo":{"full_name":"fork/infra"}}},
 "repository":{"full_name":"acme/infra"}%s}`

func TestParseEvent(t *testing.T) {
	pr := &PullRequest{Number: 7, Title: "Add bucket", Author: "dev", Labels: []string{"infra", "prod"}, Draft: true, State: "open",
		Base: Ref{Ref: "main", SHA: "bbb", Repo: "acme/infra"}, Head: Ref{Ref: "feature", SHA: "hhh", Repo: "fork/infra"}, ChangedFiles: 2}
	prEvent := func(name, action string) *Event {
		return &Event{Name: name, Action: action, Repo: Repo{"acme", "infra"}, Number: 7, PR: pr,
			HeadSHA: "hhh", BaseSHA: "bbb", HeadRef: "feature", BaseRef: "main"}
	}
	tests := []struct {
		name, event, payload string
		want                 *Event
	}{
		{"pull_request", EventPullRequest, fmt.Sprintf(prPayload, "synchronize", ""), prEvent(EventPullRequest, "synchronize")},
		{"pull_request_target", EventPullRequestTarget, fmt.Sprintf(prPayload, "opened", ""), prEvent(EventPullRequestTarget, "opened")},
		{"pull_request_review", EventPullRequestReview, fmt.Sprintf(prPayload, "submitted", `,"review":{"state":"approved","commit_id":"hhh"}`), prEvent(EventPullRequestReview, "submitted")},
		{"merge_group", EventMergeGroup, `{"action":"checks_requested","merge_group":{"head_sha":"mmm","base_sha":"bbb",
			"head_ref":"refs/heads/gh-readonly-queue/release/1.x/pr-123-0123456789abcdef0123456789abcdef01234567","base_ref":"refs/heads/release/1.x"},
			"repository":{"full_name":"acme/infra"}}`,
			&Event{Name: EventMergeGroup, Action: "checks_requested", Repo: Repo{"acme", "infra"}, Number: 123, HeadSHA: "mmm", BaseSHA: "bbb",
				HeadRef: "refs/heads/gh-readonly-queue/release/1.x/pr-123-0123456789abcdef0123456789abcdef01234567", BaseRef: "refs/heads/release/1.x"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := ParseEvent(tc.event, []byte(tc.payload))
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
	if !prEvent(EventPullRequest, "").PR.Fork() {
		t.Error("head in fork/infra should be a fork")
	}
}

func TestParseEventErrors(t *testing.T) {
	_, err := ParseEvent("push", []byte(`{}`))
	var ue *UnsupportedEventError
	if !errors.As(err, &ue) || ue.Name != "push" {
		t.Fatalf("push: got %v, want UnsupportedEventError", err)
	}
	for _, name := range SupportedEvents() {
		if !strings.Contains(err.Error(), name) {
			t.Errorf("message %q does not list %s", err, name)
		}
	}
	for name, payload := range map[string]string{
		"not json":        `{`,
		"no repository":   `{"pull_request":{"number":1}}`,
		"no pull request": `{"repository":{"full_name":"a/b"}}`,
		"no head sha":     `{"repository":{"full_name":"a/b"},"pull_request":{"number":1,"base":{"sha":"b"}}}`,
	} {
		if _, err := ParseEvent(EventPullRequest, []byte(payload)); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
	if _, err := ParseEvent(EventMergeGroup, []byte(`{"repository":{"full_name":"a/b"},"merge_group":{"head_sha":"h"}}`)); err == nil {
		t.Error("merge group without base_sha: no error")
	}
}

func TestMergeQueuePRNumber(t *testing.T) {
	for ref, want := range map[string]int{
		"refs/heads/gh-readonly-queue/main/pr-123-0123456789abcdef0123456789abcdef01234567": 123,
		"gh-readonly-queue/feature/x/pr-9-abcdef1":                                          9,
		"refs/heads/main": 0,
		"refs/heads/gh-readonly-queue/main/pr-x-abc": 0,
		"refs/heads/other/main/pr-5-abcdef1":         0,
		"":                                           0,
	} {
		if got := MergeQueuePRNumber(ref); got != want {
			t.Errorf("MergeQueuePRNumber(%q) = %d, want %d", ref, got, want)
		}
	}
}

func TestResolve(t *testing.T) {
	e := setup(t, fakegithub.Options{})
	ev, err := e.c.Resolve(context.Background(), Env{}, testRepo, 7)
	if err != nil {
		t.Fatal(err)
	}
	if ev.Number != 7 || ev.HeadSHA != headSHA || ev.BaseSHA != baseSHA || ev.PR.Author != "dev" || ev.PR.ChangedFiles != 2 {
		t.Errorf("from --repo/--pr: %+v %+v", ev, ev.PR)
	}
	// A merge group event: the PR is fetched, the SHAs stay the merge group's.
	path := filepath.Join(t.TempDir(), "event.json")
	payload := `{"merge_group":{"head_sha":"mmm","base_sha":"bbb","head_ref":"refs/heads/gh-readonly-queue/main/pr-7-abcdef1"},"repository":{"full_name":"acme/infra"}}`
	if err := os.WriteFile(path, []byte(payload), 0o644); err != nil {
		t.Fatal(err)
	}
	ev, err = e.c.Resolve(context.Background(), Env{EventName: EventMergeGroup, EventPath: path}, "", 0)
	if err != nil {
		t.Fatal(err)
	}
	if ev.PR == nil || ev.PR.Author != "dev" || ev.HeadSHA != "mmm" || ev.BaseSHA != "bbb" {
		t.Errorf("merge group: %+v", ev)
	}
	if _, err := e.c.Resolve(context.Background(), Env{}, "", 0); err == nil {
		t.Error("no event and no flags: no error")
	}
	if _, err := e.c.Resolve(context.Background(), Env{}, "acme/infra", 99); !errors.Is(err, ErrNotFound) {
		t.Errorf("missing PR: got %v, want ErrNotFound", err)
	}
}

// TestResolveNamesWhatIsMissing checks that without --repo/--pr the error
// names only the GitHub Actions variable that is missing.
func TestResolveNamesWhatIsMissing(t *testing.T) {
	e := setup(t, fakegithub.Options{})
	tests := []struct {
		name    string
		env     Env
		want    string
		wantNot string
	}{
		{"both unset", Env{}, "GITHUB_EVENT_NAME and GITHUB_EVENT_PATH unset", ""},
		{"path unset", Env{EventName: "pull_request"},
			`GITHUB_EVENT_PATH is unset (GITHUB_EVENT_NAME is "pull_request")`, "GITHUB_EVENT_NAME and"},
		{"name unset", Env{EventPath: "/e.json"},
			`GITHUB_EVENT_NAME is unset (GITHUB_EVENT_PATH is "/e.json")`, "GITHUB_EVENT_NAME and"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := e.c.Resolve(context.Background(), tt.env, "", 0)
			if err == nil {
				t.Fatal("no error")
			}
			if !strings.Contains(err.Error(), tt.want) || tt.wantNot != "" && strings.Contains(err.Error(), tt.wantNot) {
				t.Errorf("got %q, want %q", err, tt.want)
			}
			if !strings.Contains(err.Error(), "--repo owner/name --pr N") {
				t.Errorf("got %q, want it to name --repo owner/name --pr N", err)
			}
		})
	}
}
