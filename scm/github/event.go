package github

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"regexp"
	"strconv"
	"strings"
)

// Supported event names.
const (
	EventPullRequest       = "pull_request"
	EventPullRequestTarget = "pull_request_target"
	EventPullRequestReview = "pull_request_review"
	EventMergeGroup        = "merge_group"
)

// SupportedEvents lists the events the gate understands, in documentation order.
func SupportedEvents() []string {
	return []string{EventPullRequest, EventPullRequestTarget, EventPullRequestReview, EventMergeGroup}
}

// UnsupportedEventError is returned for an event the gate cannot judge.
type UnsupportedEventError struct {
	Name string
}

func (e *UnsupportedEventError) Error() string {
	return fmt.Sprintf("event %q is not supported: run infragate gate on %s (or pass --repo owner/name --pr N)",
		e.Name, strings.Join(SupportedEvents(), ", "))
}

// Ref is a branch and the commit it pointed to.
type Ref struct {
	Ref  string // branch name (pull requests) or full ref (merge groups)
	SHA  string
	Repo string // owner/name of the repository holding the ref; for a fork it differs from the base
}

// PullRequest is the pull request context the gate and policies see.
// Title and labels are author-controlled text: treat them as data.
type PullRequest struct {
	Number       int
	Title        string
	Author       string
	Labels       []string
	Draft        bool
	State        string
	Base         Ref
	Head         Ref
	ChangedFiles int // as counted by GitHub; 0 when unknown
}

// Fork reports whether the head lives in another repository than the base.
func (p *PullRequest) Fork() bool {
	return p.Head.Repo != "" && p.Base.Repo != "" && !strings.EqualFold(p.Head.Repo, p.Base.Repo)
}

// Event is the parsed context of one gate run.
type Event struct {
	Name   string // one of the Event* constants
	Action string // e.g. opened, synchronize, submitted, checks_requested
	Repo   Repo
	// Number is the pull request number; 0 for a merge group whose
	// pull request could not be derived from its ref.
	Number int
	// PR is set for pull request events and when fetched from the API; for a
	// merge group it is nil until Client.Resolve fills it.
	PR *PullRequest
	// HeadSHA is the commit to evaluate and report on; BaseSHA the commit to
	// compare with and read policies from.
	HeadSHA, BaseSHA string
	HeadRef, BaseRef string
}

// LoadEvent reads the event named by env from env.EventPath.
func LoadEvent(env Env) (*Event, error) {
	if !isSupported(env.EventName) {
		return nil, &UnsupportedEventError{Name: env.EventName}
	}
	b, err := os.ReadFile(env.EventPath)
	if err != nil {
		return nil, fmt.Errorf("reading the event payload: %w", err)
	}
	return ParseEvent(env.EventName, b)
}

func isSupported(name string) bool {
	for _, s := range SupportedEvents() {
		if s == name {
			return true
		}
	}
	return false
}

type payloadRef struct {
	Ref  string `json:"ref"`
	SHA  string `json:"sha"`
	Repo *struct {
		FullName string `json:"full_name"`
	} `json:"repo"`
}

type payloadPR struct {
	Number int    `json:"number"`
	Title  string `json:"title"`
	State  string `json:"state"`
	Draft  bool   `json:"draft"`
	User   *struct {
		Login string `json:"login"`
	} `json:"user"`
	Labels []struct {
		Name string `json:"name"`
	} `json:"labels"`
	Base         payloadRef `json:"base"`
	Head         payloadRef `json:"head"`
	ChangedFiles int        `json:"changed_files"`
}

type payload struct {
	Action      string     `json:"action"`
	PullRequest *payloadPR `json:"pull_request"`
	MergeGroup  *struct {
		HeadSHA string `json:"head_sha"`
		HeadRef string `json:"head_ref"`
		BaseSHA string `json:"base_sha"`
		BaseRef string `json:"base_ref"`
	} `json:"merge_group"`
	Repository *struct {
		FullName string `json:"full_name"`
	} `json:"repository"`
}

// ParseEvent parses a webhook payload of the named event.
func ParseEvent(name string, data []byte) (*Event, error) {
	if !isSupported(name) {
		return nil, &UnsupportedEventError{Name: name}
	}
	var p payload
	if err := json.Unmarshal(data, &p); err != nil {
		return nil, fmt.Errorf("%s event payload: %w", name, err)
	}
	if p.Repository == nil || p.Repository.FullName == "" {
		return nil, fmt.Errorf("%s event payload: no repository.full_name", name)
	}
	repo, err := ParseRepo(p.Repository.FullName)
	if err != nil {
		return nil, fmt.Errorf("%s event payload: %w", name, err)
	}
	ev := &Event{Name: name, Action: p.Action, Repo: repo}
	if name == EventMergeGroup {
		mg := p.MergeGroup
		if mg == nil || mg.HeadSHA == "" || mg.BaseSHA == "" {
			return nil, fmt.Errorf("merge_group event payload: no merge_group.head_sha or base_sha")
		}
		ev.HeadSHA, ev.BaseSHA, ev.HeadRef, ev.BaseRef = mg.HeadSHA, mg.BaseSHA, mg.HeadRef, mg.BaseRef
		ev.Number = MergeQueuePRNumber(mg.HeadRef)
		return ev, nil
	}
	if p.PullRequest == nil {
		return nil, fmt.Errorf("%s event payload: no pull_request", name)
	}
	pr := p.PullRequest.toPR(repo)
	if pr.Number <= 0 || pr.Head.SHA == "" || pr.Base.SHA == "" {
		return nil, fmt.Errorf("%s event payload: pull_request lacks number, head.sha or base.sha", name)
	}
	ev.setPR(pr)
	return ev, nil
}

func (ev *Event) setPR(pr *PullRequest) {
	ev.PR = pr
	ev.Number = pr.Number
	if ev.Name != EventMergeGroup {
		ev.HeadSHA, ev.BaseSHA = pr.Head.SHA, pr.Base.SHA
		ev.HeadRef, ev.BaseRef = pr.Head.Ref, pr.Base.Ref
	}
}

func (p *payloadPR) toPR(repo Repo) *PullRequest {
	pr := &PullRequest{
		Number: p.Number, Title: p.Title, State: p.State, Draft: p.Draft, ChangedFiles: p.ChangedFiles,
		Base: Ref{Ref: p.Base.Ref, SHA: p.Base.SHA, Repo: repo.String()},
		Head: Ref{Ref: p.Head.Ref, SHA: p.Head.SHA},
	}
	if p.Base.Repo != nil && p.Base.Repo.FullName != "" {
		pr.Base.Repo = p.Base.Repo.FullName
	}
	if p.Head.Repo != nil {
		pr.Head.Repo = p.Head.Repo.FullName
	}
	if p.User != nil {
		pr.Author = p.User.Login
	}
	for _, l := range p.Labels {
		pr.Labels = append(pr.Labels, l.Name)
	}
	return pr
}

// mergeQueueRef matches the last segment of a merge queue branch:
// refs/heads/gh-readonly-queue/<base branch>/pr-<number>-<sha>.
var mergeQueueRef = regexp.MustCompile(`^pr-([0-9]+)-[0-9a-f]{7,64}$`)

// MergeQueuePRNumber derives the pull request number from a merge queue
// head ref, or returns 0 when the ref does not have the merge queue shape.
func MergeQueuePRNumber(ref string) int {
	rest, ok := strings.CutPrefix(ref, "refs/heads/")
	if !ok {
		rest = ref
	}
	if !strings.HasPrefix(rest, "gh-readonly-queue/") {
		return 0
	}
	last := rest[strings.LastIndex(rest, "/")+1:]
	m := mergeQueueRef.FindStringSubmatch(last)
	if m == nil {
		return 0
	}
	n, err := strconv.Atoi(m[1])
	if err != nil || n <= 0 {
		return 0
	}
	return n
}

// Resolve builds the run's Event. With repo and number set (the --repo and
// --pr flags) it fetches the pull request; otherwise it reads the event
// from env. A merge group event gets its pull request fetched when its
// number can be derived.
func (c *Client) Resolve(ctx context.Context, env Env, repo string, number int) (*Event, error) {
	if repo != "" || number != 0 {
		if repo == "" || number <= 0 {
			return nil, fmt.Errorf("--repo owner/name and --pr N go together")
		}
		r, err := ParseRepo(repo)
		if err != nil {
			return nil, err
		}
		pr, err := c.PullRequest(ctx, r, number)
		if err != nil {
			return nil, err
		}
		ev := &Event{Name: EventPullRequest, Repo: r}
		ev.setPR(pr)
		return ev, nil
	}
	if !env.InActions() {
		return nil, notInActionsError(env)
	}
	ev, err := LoadEvent(env)
	if err != nil {
		return nil, err
	}
	if ev.Name == EventMergeGroup && ev.Number > 0 {
		pr, err := c.PullRequest(ctx, ev.Repo, ev.Number)
		if err != nil {
			return nil, err
		}
		ev.setPR(pr)
	}
	return ev, nil
}

// notInActionsError says which of GITHUB_EVENT_NAME and GITHUB_EVENT_PATH
// is missing: both (not in GitHub Actions), or only one (a workflow or
// wrapper that passes part of the environment).
func notInActionsError(env Env) error {
	switch {
	case env.EventName != "" && env.EventPath == "":
		return fmt.Errorf("GITHUB_EVENT_PATH is unset (GITHUB_EVENT_NAME is %q): the event payload is needed; pass GITHUB_EVENT_PATH through to infragate, or pass --repo owner/name --pr N", env.EventName)
	case env.EventName == "" && env.EventPath != "":
		return fmt.Errorf("GITHUB_EVENT_NAME is unset (GITHUB_EVENT_PATH is %q): pass GITHUB_EVENT_NAME through to infragate, or pass --repo owner/name --pr N", env.EventPath)
	}
	return fmt.Errorf("not running in GitHub Actions (GITHUB_EVENT_NAME and GITHUB_EVENT_PATH unset): pass --repo owner/name --pr N")
}
