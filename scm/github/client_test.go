package github

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/infragate/infragate/internal/fakegithub"
)

func TestPullRequestAndFiles(t *testing.T) {
	e := setup(t, fakegithub.Options{})
	ctx := context.Background()
	pr, err := e.c.PullRequest(ctx, e.repo, 7)
	if err != nil {
		t.Fatal(err)
	}
	if pr.Author != "dev" || pr.Head.SHA != headSHA || pr.Base.Ref != "main" || len(pr.Labels) != 1 || pr.Fork() {
		t.Errorf("pull request: %+v", pr)
	}
	files, err := e.c.ChangedFiles(ctx, e.repo, 7)
	if err != nil {
		t.Fatal(err)
	}
	if len(files) != 2 || files[1].Path != "k8s/pod.yaml" || files[1].Status != "added" {
		t.Errorf("files: %+v", files)
	}
}

func manyFiles(n int) []fakegithub.File {
	fs := make([]fakegithub.File, n)
	for i := range fs {
		fs[i] = fakegithub.File{Filename: fmt.Sprintf("f/%04d.tf", i)}
	}
	return fs
}

func TestChangedFilesPaginatedAndCapped(t *testing.T) {
	e := setup(t, fakegithub.Options{})
	ctx := context.Background()
	e.srv.AddPullRequest(testRepo, fakegithub.PullRequest{Number: 8, HeadSHA: headSHA, BaseSHA: baseSHA, Files: manyFiles(250)})
	files, err := e.c.ChangedFiles(ctx, e.repo, 8)
	if err != nil || len(files) != 250 || files[249].Path != "f/0249.tf" {
		t.Fatalf("250 files: got %d, %v", len(files), err)
	}
	if n := len(e.srv.RequestsTo(fakegithub.RouteListFiles)); n != 3 {
		t.Errorf("250 files took %d requests, want 3 pages of 100", n)
	}
	e.srv.AddPullRequest(testRepo, fakegithub.PullRequest{Number: 9, HeadSHA: headSHA, BaseSHA: baseSHA, Files: manyFiles(3100)})
	files, err = e.c.ChangedFiles(ctx, e.repo, 9)
	if !errors.Is(err, ErrIncompleteFiles) {
		t.Fatalf("3100 files: got %v, want ErrIncompleteFiles", err)
	}
	if len(files) != 3000 {
		t.Errorf("capped list: %d files", len(files))
	}
}

func TestReviewsPaginated(t *testing.T) {
	e := setup(t, fakegithub.Options{})
	var rs []fakegithub.Review
	for i := range 230 {
		rs = append(rs, fakegithub.Review{User: fmt.Sprintf("u%d", i), State: "APPROVED", CommitID: headSHA,
			SubmittedAt: time.Date(2026, 1, 1, 0, 0, i, 0, time.UTC)})
	}
	e.srv.AddPullRequest(testRepo, fakegithub.PullRequest{Number: 8, HeadSHA: headSHA, BaseSHA: baseSHA, Reviews: rs})
	got, err := e.c.Reviews(context.Background(), e.repo, 8)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 230 || got[229].User != "u229" || got[229].CommitID != headSHA || got[0].State != "APPROVED" || got[5].SubmittedAt.Second() != 5 {
		t.Errorf("reviews: %d, last %+v", len(got), got[len(got)-1])
	}
	if n := len(e.srv.RequestsTo(fakegithub.RouteListReviews)); n != 3 {
		t.Errorf("%d requests, want 3", n)
	}
}

func TestIsTeamMember(t *testing.T) {
	e := setup(t, fakegithub.Options{})
	ctx := context.Background()
	e.srv.SetTeam("acme", "platform", "alice")
	e.srv.HideTeam("acme", "sre")
	if ok, err := e.c.IsTeamMember(ctx, "acme", "platform", "alice"); !ok || err != nil {
		t.Errorf("alice in platform: %v %v", ok, err)
	}
	for _, tc := range []struct{ team, user string }{{"platform", "mallory"}, {"sre", "alice"}} {
		ok, err := e.c.IsTeamMember(ctx, "acme", tc.team, tc.user)
		if ok || !errors.Is(err, ErrCannotVerify) {
			t.Errorf("%s in %s: got %v, %v; want false, ErrCannotVerify", tc.user, tc.team, ok, err)
		}
	}
}

func TestRetries(t *testing.T) {
	tests := []struct {
		name      string
		fault     fakegithub.Fault
		wantSleep time.Duration // the first wait, 0 to skip the check
	}{
		{"502", fakegithub.StatusFault(http.StatusBadGateway), 750 * time.Millisecond},
		{"500 twice", fakegithub.Fault{Kind: fakegithub.FaultStatus, Status: 500, Times: 2}, 750 * time.Millisecond},
		{"503", fakegithub.StatusFault(http.StatusServiceUnavailable), 0},
		{"504", fakegithub.StatusFault(http.StatusGatewayTimeout), 0},
		{"429 with Retry-After", fakegithub.RetryAfterFault(http.StatusTooManyRequests, 7), 7 * time.Second},
		{"secondary rate limit with Retry-After", fakegithub.RetryAfterFault(http.StatusForbidden, 3), 3 * time.Second},
		{"secondary rate limit without header", fakegithub.SecondaryRateLimitFault(), time.Minute},
		{"timeout", fakegithub.Fault{Kind: fakegithub.FaultTimeout}, 0},
		{"reset", fakegithub.Fault{Kind: fakegithub.FaultReset}, 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			e := setup(t, fakegithub.Options{})
			e.srv.Fail(fakegithub.RouteGetPull, tc.fault)
			pr, err := e.c.PullRequest(context.Background(), e.repo, 7)
			if err != nil || pr.Number != 7 {
				t.Fatalf("got %v, %v; want the pull request after a retry", pr, err)
			}
			times := max(tc.fault.Times, 1)
			if n := len(e.srv.RequestsTo(fakegithub.RouteGetPull)); n != times+1 {
				t.Errorf("%d requests, want %d", n, times+1)
			}
			sleeps := e.clock.Sleeps()
			if len(sleeps) != times {
				t.Fatalf("sleeps %v, want %d", sleeps, times)
			}
			if tc.wantSleep != 0 && sleeps[0] != tc.wantSleep {
				t.Errorf("first wait %s, want %s", sleeps[0], tc.wantSleep)
			}
		})
	}
}

func TestRetryBounds(t *testing.T) {
	e := setup(t, fakegithub.Options{})
	ctx := context.Background()
	e.srv.Fail(fakegithub.RouteGetPull, fakegithub.Fault{Kind: fakegithub.FaultStatus, Status: 503, Times: 10})
	_, err := e.c.PullRequest(ctx, e.repo, 7)
	var ae *APIError
	if !errors.As(err, &ae) || ae.StatusCode != 503 {
		t.Fatalf("got %v, want an APIError with 503", err)
	}
	if n := len(e.srv.RequestsTo(fakegithub.RouteGetPull)); n != 5 {
		t.Errorf("%d attempts, want the default 5", n)
	}
	// A Retry-After beyond the time budget is not waited for.
	e2 := setup(t, fakegithub.Options{})
	e2.srv.Fail(fakegithub.RouteGetPull, fakegithub.RetryAfterFault(http.StatusTooManyRequests, 3600))
	if _, err := e2.c.PullRequest(ctx, e2.repo, 7); err == nil || !strings.Contains(err.Error(), "429") {
		t.Errorf("got %v, want the 429 error", err)
	}
	if s := e2.clock.Sleeps(); len(s) != 0 {
		t.Errorf("slept %v despite the budget", s)
	}
}

func TestPrimaryRateLimitWaitsForReset(t *testing.T) {
	e := setup(t, fakegithub.Options{})
	reset := time.Now().Unix() + 30
	e.srv.Fail(fakegithub.RouteGetPull, fakegithub.Fault{Kind: fakegithub.FaultStatus, Status: http.StatusForbidden,
		Header: map[string]string{"X-RateLimit-Remaining": "0", "X-RateLimit-Reset": fmt.Sprint(reset)}})
	if _, err := e.c.PullRequest(context.Background(), e.repo, 7); err != nil {
		t.Fatal(err)
	}
	// Measured against the server's Date header (whole seconds), plus a second of slack.
	if s := e.clock.Sleeps(); len(s) != 1 || s[0] < 29*time.Second || s[0] > 32*time.Second {
		t.Errorf("waits %v, want about 31s (until X-RateLimit-Reset)", s)
	}
}

func TestMalformedJSON(t *testing.T) {
	e := setup(t, fakegithub.Options{})
	e.srv.Fail(fakegithub.RouteGetPull, fakegithub.Fault{Kind: fakegithub.FaultMalformedJSON})
	_, err := e.c.PullRequest(context.Background(), e.repo, 7)
	if err == nil || !strings.Contains(err.Error(), "malformed JSON") || !strings.Contains(err.Error(), "pull request acme/infra#7") {
		t.Fatalf("got %v, want a clear malformed JSON error", err)
	}
}

func TestTokenNeverInErrors(t *testing.T) {
	e := setup(t, fakegithub.Options{EchoToken: true})
	ctx := context.Background()
	e.srv.SetReadOnly(testRepo, true)
	e.srv.Fail(fakegithub.RouteGetPull, fakegithub.Fault{Kind: fakegithub.FaultStatus, Status: 500, Times: 10})
	_, err1 := e.c.PullRequest(ctx, e.repo, 7)
	_, err2 := e.c.StartCheck(ctx, e.repo, headSHA, "infragate")
	res, err3 := e.c.Publish(ctx, e.publication())
	e.srv.Fail(fakegithub.RouteListReviews, fakegithub.StatusFault(http.StatusUnauthorized))
	_, err4 := e.c.Reviews(ctx, e.repo, 7)
	var texts []string
	for i, err := range []error{err1, err2, err4} {
		if err == nil {
			t.Fatalf("error %d: nil", i+1)
		}
		texts = append(texts, err.Error(), fmt.Sprintf("%+v", err), fmt.Sprintf("%#v", err))
	}
	if err3 != nil {
		texts = append(texts, err3.Error())
	}
	texts = append(texts, res.Notes...)
	if !strings.Contains(strings.Join(texts, "\n"), "[REDACTED]") {
		t.Errorf("the fake echoed the token but nothing was redacted: %q", texts)
	}
	noToken(t, texts...)
	if got := e.c.Redact("Authorization: Bearer " + testToken + " and ghp_abcdefghijklmnopqrstuvwxyz0123"); strings.Contains(got, testToken) || strings.Contains(got, "ghp_abc") {
		t.Errorf("Redact: %q", got)
	}
}
