package github

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"slices"
	"time"

	gh "github.com/google/go-github/v60/github"
)

// Level is an annotation level.
type Level string

// Annotation levels, most severe first.
const (
	LevelFailure Level = "failure"
	LevelWarning Level = "warning"
	LevelNotice  Level = "notice"
)

func (l Level) rank() int {
	switch l {
	case LevelFailure:
		return 0
	case LevelWarning:
		return 1
	case LevelNotice:
		return 2
	}
	return 3
}

// Annotation is a message on lines of a file of the pull request.
type Annotation struct {
	Path                   string // relative to the repository root, forward slashes
	StartLine, EndLine     int    // 1-based; EndLine defaults to StartLine
	StartColumn, EndColumn int    // optional, sent only when StartLine == EndLine
	Level                  Level
	Title                  string
	Message                string
	RawDetails             string
}

// normalize fits a to GitHub's rules; ok is false when it cannot be sent.
func (a Annotation) normalize() (Annotation, bool) {
	if a.Path == "" || a.Level.rank() > 2 {
		return a, false
	}
	if a.StartLine < 1 {
		a.StartLine = 1
	}
	if a.EndLine < a.StartLine {
		a.EndLine = a.StartLine
	}
	if a.StartLine != a.EndLine || a.StartColumn < 1 {
		a.StartColumn, a.EndColumn = 0, 0
	} else if a.EndColumn < a.StartColumn {
		a.EndColumn = a.StartColumn
	}
	if a.Message == "" {
		a.Message = a.Title
	}
	if a.Message == "" {
		a.Message = string(a.Level)
	}
	a.Title = truncateChars(oneLine(a.Title), MaxTitle, TruncationNote)
	a.Message = truncateBytes(a.Message, MaxAnnotationMessage, "\n"+TruncationNote)
	a.RawDetails = truncateBytes(a.RawDetails, MaxAnnotationMessage, "\n"+TruncationNote)
	return a, true
}

// prepareAnnotations normalizes, sorts most severe first (then by path,
// line, title, message) and caps the list; it returns the list and how many
// were dropped by the cap or as unsendable.
func prepareAnnotations(in []Annotation, max int) (out []Annotation, capped, invalid int) {
	for _, a := range in {
		if n, ok := a.normalize(); ok {
			out = append(out, n)
		} else {
			invalid++
		}
	}
	slices.SortStableFunc(out, func(a, b Annotation) int {
		return cmp.Or(cmp.Compare(a.Level.rank(), b.Level.rank()), cmp.Compare(a.Path, b.Path),
			cmp.Compare(a.StartLine, b.StartLine), cmp.Compare(a.EndLine, b.EndLine),
			cmp.Compare(a.Title, b.Title), cmp.Compare(a.Message, b.Message))
	})
	if max >= 0 && len(out) > max {
		capped = len(out) - max
		out = out[:max]
	}
	return out, capped, invalid
}

func (a Annotation) toGH() *gh.CheckRunAnnotation {
	g := &gh.CheckRunAnnotation{
		Path: gh.String(a.Path), StartLine: gh.Int(a.StartLine), EndLine: gh.Int(a.EndLine),
		AnnotationLevel: gh.String(string(a.Level)), Message: gh.String(a.Message),
	}
	if a.StartColumn > 0 {
		g.StartColumn, g.EndColumn = gh.Int(a.StartColumn), gh.Int(a.EndColumn)
	}
	if a.Title != "" {
		g.Title = gh.String(a.Title)
	}
	if a.RawDetails != "" {
		g.RawDetails = gh.String(a.RawDetails)
	}
	return g
}

// annotationKey identifies an annotation for de-duplication against what a
// check run already carries.
type annotationKey struct {
	path, level, title, message string
	start, end                  int
}

func (a Annotation) key() annotationKey {
	return annotationKey{a.Path, string(a.Level), a.Title, a.Message, a.StartLine, a.EndLine}
}

func ghKey(g *gh.CheckRunAnnotation) annotationKey {
	return annotationKey{g.GetPath(), g.GetAnnotationLevel(), g.GetTitle(), g.GetMessage(), g.GetStartLine(), g.GetEndLine()}
}

// CheckRun identifies a check run.
type CheckRun struct {
	ID      int64
	URL     string // html_url
	Status  string
	Created bool // created by this call rather than found
}

// FindCheckRun returns the newest check run called name on sha, or nil.
func (c *Client) FindCheckRun(ctx context.Context, repo Repo, sha, name string) (*CheckRun, error) {
	opt := &gh.ListCheckRunsOptions{CheckName: gh.String(name), Filter: gh.String("all"), ListOptions: gh.ListOptions{PerPage: perPage}}
	var best *gh.CheckRun
	for {
		res, resp, err := c.gh.Checks.ListCheckRunsForRef(ctx, repo.Owner, repo.Name, sha, opt)
		if err != nil {
			return nil, c.red.wrap(fmt.Sprintf("listing check runs of %s", short(sha)), err)
		}
		for _, r := range res.CheckRuns {
			if r.GetName() == name && r.GetHeadSHA() == sha && (best == nil || r.GetID() > best.GetID()) {
				best = r
			}
		}
		if resp.NextPage == 0 || len(res.CheckRuns) == 0 {
			break
		}
		opt.Page = resp.NextPage
	}
	if best == nil {
		return nil, nil
	}
	return &CheckRun{ID: best.GetID(), URL: best.GetHTMLURL(), Status: best.GetStatus()}, nil
}

// StartCheck marks the check name on sha as in progress: it reuses the
// check run of an earlier run on the same commit, else creates one. An
// error wraps ErrNoWritePermission when the token may not write checks.
func (c *Client) StartCheck(ctx context.Context, repo Repo, sha, name string) (*CheckRun, error) {
	op := fmt.Sprintf("starting check run %q on %s", name, short(sha))
	existing, err := c.FindCheckRun(ctx, repo, sha, name)
	if err != nil {
		return nil, err
	}
	if existing != nil {
		out := CheckRunOutputText{Title: "Evaluating", Summary: "infragate is evaluating this commit."}
		r, _, err := c.gh.Checks.UpdateCheckRun(withIdempotent(ctx), repo.Owner, repo.Name, existing.ID, gh.UpdateCheckRunOptions{
			Name: name, Status: gh.String("in_progress"), Output: out.toGH(nil),
		})
		if err != nil {
			return nil, c.red.wrapWrite(op, err)
		}
		return &CheckRun{ID: r.GetID(), URL: r.GetHTMLURL(), Status: r.GetStatus()}, nil
	}
	run, err := c.createCheckRun(ctx, repo, c.startOptions(name, sha), 0)
	if err != nil {
		return nil, c.red.wrapWrite(op, err)
	}
	return run, nil
}

// createCheckRun creates a check run without double-posting: after an
// ambiguous failure it adopts a run named alike on the commit that is newer
// than after.
func (c *Client) createCheckRun(ctx context.Context, repo Repo, opts gh.CreateCheckRunOptions, after int64) (*CheckRun, error) {
	var run *CheckRun
	err := c.retryCreate(ctx, func() (bool, error) {
		found, err := c.FindCheckRun(ctx, repo, opts.HeadSHA, opts.Name)
		if err != nil || found == nil || found.ID <= after {
			return false, err
		}
		run = found
		return true, nil
	}, func() error {
		r, _, err := c.gh.Checks.CreateCheckRun(ctx, repo.Owner, repo.Name, opts)
		if err == nil {
			run = &CheckRun{ID: r.GetID(), URL: r.GetHTMLURL(), Status: r.GetStatus(), Created: true}
		}
		return err
	})
	return run, err
}

// CheckRunOutputText is the text of a check run.
type CheckRunOutputText struct {
	Title   string // one line, cut to 255 characters
	Summary string // Markdown, cut to 65535 characters
	Text    string // Markdown, cut to 65535 characters
}

func (o CheckRunOutputText) fit() CheckRunOutputText {
	o.Title = truncateChars(oneLine(o.Title), MaxTitle, " "+TruncationNote)
	if o.Title == "" {
		o.Title = "infragate"
	}
	o.Summary = truncateChars(o.Summary, MaxOutputText, textNote)
	if o.Summary == "" {
		o.Summary = o.Title
	}
	o.Text = truncateChars(o.Text, MaxOutputText, textNote)
	return o
}

func (o CheckRunOutputText) toGH(anns []Annotation) *gh.CheckRunOutput {
	o = o.fit()
	out := &gh.CheckRunOutput{Title: gh.String(o.Title), Summary: gh.String(o.Summary)}
	if o.Text != "" {
		out.Text = gh.String(o.Text)
	}
	for _, a := range anns {
		out.Annotations = append(out.Annotations, a.toGH())
	}
	return out
}

// listAnnotations returns the keys of the annotations a run carries, with
// their counts.
func (c *Client) listAnnotations(ctx context.Context, repo Repo, id int64) (map[annotationKey]int, error) {
	have := map[annotationKey]int{}
	opt := &gh.ListOptions{PerPage: perPage}
	for {
		as, resp, err := c.gh.Checks.ListCheckRunAnnotations(ctx, repo.Owner, repo.Name, id, opt)
		if err != nil {
			return nil, c.red.wrap(fmt.Sprintf("listing annotations of check run %d", id), err)
		}
		for _, a := range as {
			have[ghKey(a)]++
		}
		if resp.NextPage == 0 || len(as) == 0 {
			break
		}
		opt.Page = resp.NextPage
	}
	return have, nil
}

// missingAnnotations returns want minus have (as multisets), in want's
// order, and whether have holds anything want lacks.
func missingAnnotations(want []Annotation, have map[annotationKey]int) (missing []Annotation, stale bool) {
	left := make(map[annotationKey]int, len(have))
	for k, n := range have {
		left[k] = n
	}
	for _, a := range want {
		if k := a.key(); left[k] > 0 {
			left[k]--
		} else {
			missing = append(missing, a)
		}
	}
	for _, n := range left {
		if n > 0 {
			stale = true
		}
	}
	return missing, stale
}

// completeCheck completes run id with conclusion and out and appends the
// annotations it does not carry yet, 50 per request, the first batch with
// the completion. It returns how many of want the run carries.
func (c *Client) completeCheck(ctx context.Context, repo Repo, id int64, name, conclusion string, out CheckRunOutputText, want []Annotation, have map[annotationKey]int) (int, error) {
	op := fmt.Sprintf("completing check run %q (%d)", name, id)
	pending, _ := missingAnnotations(want, have)
	sent := len(want) - len(pending) // already on the run from an earlier attempt
	first, failures := true, 0
	for first || len(pending) > 0 {
		n := min(AnnotationsPerRequest, len(pending))
		opts := gh.UpdateCheckRunOptions{Name: name, Output: out.toGH(pending[:n])}
		if first {
			opts.Status = gh.String("completed")
			opts.Conclusion = gh.String(conclusion)
			opts.CompletedAt = &gh.Timestamp{Time: c.clock.Now().UTC().Truncate(time.Second)}
		}
		rctx := ctx
		if n == 0 {
			rctx = withIdempotent(ctx) // without annotations, repeating is harmless
		}
		_, _, err := c.gh.Checks.UpdateCheckRun(rctx, repo.Owner, repo.Name, id, opts)
		var amb *AmbiguousError
		if errors.As(err, &amb) {
			failures++
			if failures >= c.policy.MaxAttempts {
				return sent, c.red.wrapWrite(op, err)
			}
			if err := c.clock.Sleep(ctx, backoff(c.policy, failures)); err != nil {
				return sent, err
			}
			// Did the batch land? Look before sending it again.
			now, lerr := c.listAnnotations(ctx, repo, id)
			if lerr != nil {
				return sent, lerr
			}
			pending, _ = missingAnnotations(want, now)
			sent = len(want) - len(pending)
			continue
		}
		if err != nil {
			return sent, c.red.wrapWrite(op, err)
		}
		first = false
		sent += n
		pending = pending[n:]
	}
	return sent, nil
}

// CreateStatus sets the commit status context on sha. state is one of
// error, failure, pending, success; description is cut to 140 characters.
func (c *Client) CreateStatus(ctx context.Context, repo Repo, sha, context, state, description, targetURL string) error {
	switch state {
	case "error", "failure", "pending", "success":
	default:
		return fmt.Errorf("commit status state %q: want error, failure, pending or success", state)
	}
	st := &gh.RepoStatus{
		State: gh.String(state), Context: gh.String(context),
		Description: gh.String(truncateChars(oneLine(description), MaxStatusDescription, "…")),
	}
	if targetURL != "" {
		st.TargetURL = gh.String(targetURL)
	}
	// Setting the same status twice is harmless: GitHub shows the latest per context.
	_, _, err := c.gh.Repositories.CreateStatus(withIdempotent(ctx), repo.Owner, repo.Name, sha, st)
	return c.red.wrapWrite(fmt.Sprintf("setting commit status %q on %s", context, short(sha)), err)
}

func short(sha string) string {
	if len(sha) > 12 {
		return sha[:12]
	}
	return sha
}
