package github

import (
	"context"
	"errors"
	"fmt"
	"time"

	gh "github.com/google/go-github/v60/github"
)

// Mode selects how the verdict is published.
type Mode string

// Publication modes.
const (
	ModeCheckRun Mode = "check"  // a check run with annotations (needs checks: write)
	ModeStatus   Mode = "status" // a commit status (needs statuses: write)
)

// Conclusions a Publication may carry.
const (
	ConclusionSuccess = "success"
	ConclusionFailure = "failure"
)

// DefaultMaxAnnotations is the annotation cap when Publication.MaxAnnotations is 0.
const DefaultMaxAnnotations = 500

// Publication is everything the gate publishes for one run.
type Publication struct {
	Repo    Repo
	HeadSHA string // the commit to report on (Event.HeadSHA)
	Number  int    // pull request for the comment; 0 for none
	Name    string // check run name or status context, e.g. "infragate"
	Mode    Mode   // ModeCheckRun when empty

	Conclusion string // ConclusionSuccess or ConclusionFailure
	// CouldNotEvaluate forces a failing conclusion (and an "error" status):
	// a run that could not evaluate never reports success.
	CouldNotEvaluate bool

	Title   string // the verdict in words, one line
	Summary string // Markdown: counts and what to do next
	Text    string // Markdown: the findings table

	Annotations    []Annotation
	MaxAnnotations int // 0 means DefaultMaxAnnotations; negative means none

	// CheckRun is the run StartCheck returned, if any; Publish finds or
	// creates one otherwise.
	CheckRun *CheckRun
	// DetailsURL goes into the commit status (e.g. the Actions run URL).
	DetailsURL string

	// Comment is the sticky comment's Markdown (the marker is added here);
	// empty means no comment.
	Comment string

	// StepSummaryPath ($GITHUB_STEP_SUMMARY) and StepSummary (Markdown) are
	// appended when both are set.
	StepSummaryPath string
	StepSummary     string
}

// PublishResult says what was published and what fell back, for the log.
type PublishResult struct {
	CheckRun           *CheckRun // nil when none was written
	AnnotationsSent    int       // annotations the check run carries (sent now or by an earlier run)
	AnnotationsCapped  int       // dropped by MaxAnnotations (stated in the summary)
	AnnotationsInvalid int       // dropped because they had no path or level
	StatusSet          bool
	Comment            *Comment
	StepSummaryWritten bool
	// FallbackAnnotations is true when annotations did not reach GitHub
	// (no write permission, or status mode): emit them as workflow commands.
	FallbackAnnotations bool
	// Notes are log lines (redacted) saying what happened and why.
	Notes []string
}

// Publish reports the verdict: a check run (created or updated, completed
// with annotations) or a commit status, then the sticky comment, then the
// job summary. A 403 on a write is not an error: it sets
// FallbackAnnotations and adds a note. Other failures are joined into the
// error after every step was tried; the caller should then exit 2.
func (c *Client) Publish(ctx context.Context, p Publication) (PublishResult, error) {
	var res PublishResult
	if p.Name == "" || p.HeadSHA == "" || p.Repo.Owner == "" {
		return res, fmt.Errorf("publish: name, head SHA and repository are required")
	}
	conclusion := p.Conclusion
	if p.CouldNotEvaluate {
		conclusion = ConclusionFailure
	}
	if conclusion != ConclusionSuccess && conclusion != ConclusionFailure {
		return res, fmt.Errorf("publish: conclusion %q: want %s or %s", p.Conclusion, ConclusionSuccess, ConclusionFailure)
	}
	mode := p.Mode
	if mode == "" {
		mode = ModeCheckRun
	}
	note := func(format string, args ...any) {
		res.Notes = append(res.Notes, c.red.String(fmt.Sprintf(format, args...)))
	}
	var errs []error
	fail := func(what string, err error) {
		if errors.Is(err, ErrNoWritePermission) {
			note("%s: no write permission (fork pull request or read-only token); falling back to workflow annotations, the job summary and the exit code: %v", what, err)
			return
		}
		errs = append(errs, err)
		note("%s failed: %v", what, err)
	}

	limit := p.MaxAnnotations
	if limit == 0 {
		limit = DefaultMaxAnnotations
	}
	anns, capped, invalid := prepareAnnotations(p.Annotations, limit)
	res.AnnotationsCapped, res.AnnotationsInvalid = capped, invalid
	summary := p.Summary
	if capped > 0 {
		summary += fmt.Sprintf("\n\n%d more annotations are not shown (the cap is %d): see the job summary.", capped, max(0, limit))
	}
	out := CheckRunOutputText{Title: p.Title, Summary: summary, Text: p.Text}

	switch mode {
	case ModeCheckRun:
		run, sent, err := c.publishCheck(ctx, p, conclusion, out, anns, note)
		res.CheckRun, res.AnnotationsSent = run, sent
		if err != nil {
			fail("check run", err)
		}
		res.FallbackAnnotations = len(anns) > 0 && sent < len(anns)
	case ModeStatus:
		state := conclusion
		if p.CouldNotEvaluate {
			state = "error"
		}
		if err := c.CreateStatus(ctx, p.Repo, p.HeadSHA, p.Name, state, p.Title, p.DetailsURL); err != nil {
			fail("commit status", err)
		} else {
			res.StatusSet = true
			note("commit status %q set to %s on %s", p.Name, state, short(p.HeadSHA))
		}
		res.FallbackAnnotations = len(anns) > 0
	default:
		return res, fmt.Errorf("publish: mode %q: want %s or %s", mode, ModeCheckRun, ModeStatus)
	}

	if p.Comment != "" && p.Number > 0 {
		cm, err := c.UpsertComment(ctx, p.Repo, p.Number, p.Name, p.Comment)
		if err != nil {
			fail("pull request comment", err)
		} else {
			res.Comment = cm
			if cm.Created {
				note("comment created on #%d", p.Number)
			} else {
				note("comment updated on #%d", p.Number)
			}
		}
	}
	if p.StepSummaryPath != "" && p.StepSummary != "" {
		if err := AppendStepSummary(p.StepSummaryPath, p.StepSummary); err != nil {
			errs = append(errs, err)
			note("job summary failed: %v", err)
		} else {
			res.StepSummaryWritten = true
		}
	}
	return res, errors.Join(errs...)
}

// publishCheck completes the check run, reusing p.CheckRun or the run of an
// earlier attempt on the same commit. A run that already carries
// annotations the new result lacks (the findings changed) is not reused,
// since annotations can only be appended: a new run replaces it and the old
// one is completed pointing to it.
func (c *Client) publishCheck(ctx context.Context, p Publication, conclusion string, out CheckRunOutputText, anns []Annotation, note func(string, ...any)) (*CheckRun, int, error) {
	run := p.CheckRun
	if run == nil {
		found, err := c.FindCheckRun(ctx, p.Repo, p.HeadSHA, p.Name)
		if err != nil {
			return nil, 0, err
		}
		run = found
	}
	have := map[annotationKey]int{}
	if run != nil {
		var err error
		if have, err = c.listAnnotations(ctx, p.Repo, run.ID); err != nil {
			return nil, 0, err
		}
		if _, stale := missingAnnotations(anns, have); stale {
			old := run
			nr, err := c.createCheckRun(ctx, p.Repo, c.startOptions(p.Name, p.HeadSHA), old.ID)
			if err != nil {
				return nil, 0, c.red.wrapWrite(fmt.Sprintf("creating check run %q", p.Name), err)
			}
			note("check run %d carried annotations of an earlier result; replaced by check run %d", old.ID, nr.ID)
			supersede := CheckRunOutputText{Title: out.Title, Summary: "A newer run of this check replaced this one: " + nr.URL}
			if _, err := c.completeCheck(ctx, p.Repo, old.ID, p.Name, conclusion, supersede, nil, nil); err != nil {
				note("could not complete the replaced check run %d: %v", old.ID, err)
			}
			run, have = nr, map[annotationKey]int{}
		}
	} else {
		nr, err := c.createCheckRun(ctx, p.Repo, c.startOptions(p.Name, p.HeadSHA), 0)
		if err != nil {
			return nil, 0, c.red.wrapWrite(fmt.Sprintf("creating check run %q", p.Name), err)
		}
		run = nr
	}
	sent, err := c.completeCheck(ctx, p.Repo, run.ID, p.Name, conclusion, out, anns, have)
	if err != nil {
		return run, sent, err
	}
	note("check run %q (%d) completed: %s, %d annotations sent", p.Name, run.ID, conclusion, sent)
	return run, sent, nil
}

// startOptions creates a check run in progress; completeCheck finishes it.
func (c *Client) startOptions(name, sha string) gh.CreateCheckRunOptions {
	return gh.CreateCheckRunOptions{
		Name: name, HeadSHA: sha, Status: gh.String("in_progress"),
		StartedAt: &gh.Timestamp{Time: c.clock.Now().UTC().Truncate(time.Second)},
		Output:    CheckRunOutputText{Title: "Evaluating", Summary: "infragate is evaluating this commit."}.toGH(nil),
	}
}
