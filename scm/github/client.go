// Package github is infragate's GitHub side: the Actions environment and
// event payloads, and a REST client that reads pull requests, files,
// reviews and team memberships and publishes the gate's verdict as a check
// run (or commit status), a sticky pull request comment and a job summary.
//
// The client retries what is safe to retry (bounded in attempts and time),
// never double-posts after an ambiguous failure, and never lets the token
// into an error, log line or output.
package github

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"

	gh "github.com/google/go-github/v60/github"
)

// Options configure a Client.
type Options struct {
	Token  string
	APIURL string // REST API root; DefaultAPIURL when empty (GHES: https://HOST/api/v3)
	// Transport is the base transport; http.DefaultTransport when nil.
	Transport http.RoundTripper
	Retry     RetryPolicy
	Clock     Clock // real time when nil
	UserAgent string
}

// Client talks to the GitHub REST API.
type Client struct {
	gh     *gh.Client
	red    redactor
	clock  Clock
	policy RetryPolicy
}

// New returns a client for opts.APIURL authenticated with opts.Token.
func New(opts Options) (*Client, error) {
	base := opts.APIURL
	if base == "" {
		base = DefaultAPIURL
	}
	if !strings.HasSuffix(base, "/") {
		base += "/"
	}
	u, err := url.Parse(base)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, fmt.Errorf("API URL %q: want http(s)://host/path", opts.APIURL)
	}
	clock := opts.Clock
	if clock == nil {
		clock = realClock{}
	}
	tr := opts.Transport
	if tr == nil {
		tr = http.DefaultTransport
	}
	policy := opts.Retry.withDefaults()
	hc := &http.Client{Transport: &retryTransport{base: tr, policy: policy, clock: clock}}
	c := gh.NewClient(hc)
	if opts.Token != "" {
		c = c.WithAuthToken(opts.Token)
	}
	c.BaseURL = u
	if opts.UserAgent != "" {
		c.UserAgent = opts.UserAgent
	} else {
		c.UserAgent = "infragate"
	}
	return &Client{gh: c, red: newRedactor(opts.Token), clock: clock, policy: policy}, nil
}

// Redact removes the client's token (and anything shaped like a GitHub
// token) from s. Use it on any text that may have come from the API.
func (c *Client) Redact(s string) string { return c.red.String(s) }

// GitHubFilesCap is the most files the pull request files API lists.
const GitHubFilesCap = 3000

const perPage = 100

// PullRequest fetches a pull request.
func (c *Client) PullRequest(ctx context.Context, repo Repo, number int) (*PullRequest, error) {
	p, _, err := c.gh.PullRequests.Get(ctx, repo.Owner, repo.Name, number)
	if err != nil {
		return nil, c.red.wrap(fmt.Sprintf("getting pull request %s#%d", repo, number), err)
	}
	pr := &PullRequest{
		Number: p.GetNumber(), Title: p.GetTitle(), State: p.GetState(), Draft: p.GetDraft(),
		Author: p.GetUser().GetLogin(), ChangedFiles: p.GetChangedFiles(),
		Base: Ref{Ref: p.GetBase().GetRef(), SHA: p.GetBase().GetSHA(), Repo: p.GetBase().GetRepo().GetFullName()},
		Head: Ref{Ref: p.GetHead().GetRef(), SHA: p.GetHead().GetSHA(), Repo: p.GetHead().GetRepo().GetFullName()},
	}
	if pr.Base.Repo == "" {
		pr.Base.Repo = repo.String()
	}
	for _, l := range p.Labels {
		pr.Labels = append(pr.Labels, l.GetName())
	}
	if pr.Head.SHA == "" || pr.Base.SHA == "" {
		return nil, &APIError{Op: fmt.Sprintf("getting pull request %s#%d", repo, number), Message: "the response has no head or base SHA"}
	}
	return pr, nil
}

// ChangedFile is one file of a pull request.
type ChangedFile struct {
	Path         string
	PreviousPath string // for renames
	Status       string // added, removed, modified, renamed, copied, changed, unchanged
}

// ChangedFiles lists the files of a pull request, all pages. A list that
// reaches GitHub's cap of 3000 files returns the files it got and an error
// wrapping ErrIncompleteFiles: the caller must fail closed (or use git).
func (c *Client) ChangedFiles(ctx context.Context, repo Repo, number int) ([]ChangedFile, error) {
	op := fmt.Sprintf("listing files of pull request %s#%d", repo, number)
	var out []ChangedFile
	opt := &gh.ListOptions{PerPage: perPage}
	for {
		files, resp, err := c.gh.PullRequests.ListFiles(ctx, repo.Owner, repo.Name, number, opt)
		if err != nil {
			return nil, c.red.wrap(op, err)
		}
		for _, f := range files {
			out = append(out, ChangedFile{Path: f.GetFilename(), PreviousPath: f.GetPreviousFilename(), Status: f.GetStatus()})
		}
		if resp.NextPage == 0 || len(files) == 0 {
			break
		}
		opt.Page = resp.NextPage
	}
	if len(out) >= GitHubFilesCap {
		return out, fmt.Errorf("%s: %d files listed: %w", op, len(out), ErrIncompleteFiles)
	}
	return out, nil
}

// Review is one pull request review.
type Review struct {
	ID          int64
	User        string
	State       string // APPROVED, CHANGES_REQUESTED, COMMENTED, DISMISSED, PENDING
	CommitID    string // the head commit the review was made on
	SubmittedAt time.Time
}

// Reviews lists the reviews of a pull request, all pages, oldest first (as
// GitHub returns them).
func (c *Client) Reviews(ctx context.Context, repo Repo, number int) ([]Review, error) {
	op := fmt.Sprintf("listing reviews of pull request %s#%d", repo, number)
	var out []Review
	opt := &gh.ListOptions{PerPage: perPage}
	for {
		rs, resp, err := c.gh.PullRequests.ListReviews(ctx, repo.Owner, repo.Name, number, opt)
		if err != nil {
			return nil, c.red.wrap(op, err)
		}
		for _, r := range rs {
			out = append(out, Review{ID: r.GetID(), User: r.GetUser().GetLogin(), State: r.GetState(),
				CommitID: r.GetCommitID(), SubmittedAt: r.GetSubmittedAt().Time})
		}
		if resp.NextPage == 0 || len(rs) == 0 {
			break
		}
		opt.Page = resp.NextPage
	}
	return out, nil
}

// IsTeamMember reports whether user is an active member of org/team. When
// GitHub answers 403 or 404 (the default Actions token may not read org
// memberships, and GitHub also hides non-members behind 404) it returns
// false and an error wrapping ErrCannotVerify: never count that as membership.
func (c *Client) IsTeamMember(ctx context.Context, org, team, user string) (bool, error) {
	op := fmt.Sprintf("checking membership of %s in @%s/%s", user, org, team)
	m, _, err := c.gh.Teams.GetTeamMembershipBySlug(ctx, org, team, user)
	if err != nil {
		e := c.red.wrap(op, err).(*APIError)
		if e.StatusCode == http.StatusForbidden || e.StatusCode == http.StatusNotFound {
			e.kind = ErrCannotVerify
			e.Message = fmt.Sprintf("%s (the token cannot read this team's members, or %s is not a member)", e.Message, user)
		}
		return false, e
	}
	return m.GetState() == "active", nil
}

// retryCreate runs create; after an ambiguous failure it looks with find
// before creating again, so an object GitHub did create is not posted twice.
func (c *Client) retryCreate(ctx context.Context, find func() (bool, error), create func() error) error {
	var err error
	for attempt := 1; attempt <= c.policy.MaxAttempts; attempt++ {
		if attempt > 1 {
			if serr := c.clock.Sleep(ctx, backoff(c.policy, attempt-1)); serr != nil {
				return serr
			}
			found, ferr := find()
			if ferr != nil {
				return ferr
			}
			if found {
				return nil
			}
		}
		err = create()
		var amb *AmbiguousError
		if !errors.As(err, &amb) {
			return err
		}
	}
	return err
}
