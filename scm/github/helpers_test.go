package github

import (
	"os"
	"strings"
	"testing"
	"time"

	"github.com/infragate/infragate/internal/fakegithub"
)

const (
	testToken = "ghs_TESTtoken0123456789abcdefABCDEF"
	testRepo  = "acme/infra"
	headSHA   = "1111111111111111111111111111111111111111"
	baseSHA   = "2222222222222222222222222222222222222222"
)

type env struct {
	srv   *fakegithub.Server
	c     *Client
	clock *fakegithub.Clock
	repo  Repo
}

// setup starts a fake GitHub (validating against the OpenAPI description
// when configured; CI requires it) with one pull request, and a client
// whose retries take no real time.
func setup(t *testing.T, opts fakegithub.Options) *env {
	t.Helper()
	spec, err := fakegithub.RequireSpec(os.Getenv("CI") == "true")
	if err != nil {
		t.Fatal(err)
	}
	if opts.Token == "" {
		opts.Token = testToken
	}
	opts.Spec = spec
	srv := fakegithub.New(opts)
	t.Cleanup(func() {
		srv.Close()
		for _, v := range srv.Violations() {
			t.Errorf("request GitHub would reject: %s", v)
		}
	})
	srv.AddPullRequest(testRepo, fakegithub.PullRequest{
		Number: 7, Title: "Add bucket", Author: "dev", Labels: []string{"infra"},
		BaseRef: "main", BaseSHA: baseSHA, HeadRef: "feature", HeadSHA: headSHA,
		Files: []fakegithub.File{{Filename: "main.tf"}, {Filename: "k8s/pod.yaml", Status: "added"}},
	})
	clock := fakegithub.NewClock(time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC))
	c, err := New(Options{Token: testToken, APIURL: srv.URL, Clock: clock,
		Retry: RetryPolicy{AttemptTimeout: 300 * time.Millisecond, Jitter: func() float64 { return 0.5 }}})
	if err != nil {
		t.Fatal(err)
	}
	return &env{srv: srv, c: c, clock: clock, repo: Repo{Owner: "acme", Name: "infra"}}
}

func (e *env) publication() Publication {
	return Publication{
		Repo: e.repo, HeadSHA: headSHA, Number: 7, Name: "infragate",
		Conclusion: ConclusionFailure, Title: "1 blocking finding", Summary: "**1** failure", Text: "| rule | file |",
		Annotations: []Annotation{{Path: "main.tf", StartLine: 3, Level: LevelFailure, Title: "IG-1", Message: "bucket is public"}},
		Comment:     "### infragate: 1 blocking finding",
	}
}

func noToken(t *testing.T, texts ...string) {
	t.Helper()
	for _, s := range texts {
		if strings.Contains(s, testToken) {
			t.Errorf("token leaked in %q", s)
		}
	}
}
