package github

import (
	"context"
	"fmt"
	"os"
	"strings"

	gh "github.com/google/go-github/v60/github"
)

// Marker is the hidden HTML comment that identifies the sticky comment of
// the check called name. Characters that could end the HTML comment or
// confuse the search are replaced.
func Marker(name string) string {
	var b strings.Builder
	for _, r := range name {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9', r == '.', r == '_':
			b.WriteRune(r)
		default:
			b.WriteByte('_')
		}
	}
	return "<!-- infragate:" + b.String() + " -->"
}

// Comment identifies a pull request comment.
type Comment struct {
	ID      int64
	URL     string
	Created bool // false when an existing comment was updated (or already up to date)
}

// FindComment returns the sticky comment of name on the pull request, or nil.
func (c *Client) FindComment(ctx context.Context, repo Repo, number int, name string) (*gh.IssueComment, error) {
	marker := Marker(name)
	opt := &gh.IssueListCommentsOptions{ListOptions: gh.ListOptions{PerPage: perPage}}
	for {
		cs, resp, err := c.gh.Issues.ListComments(ctx, repo.Owner, repo.Name, number, opt)
		if err != nil {
			return nil, c.red.wrap(fmt.Sprintf("listing comments of %s#%d", repo, number), err)
		}
		for _, cm := range cs {
			if strings.HasPrefix(cm.GetBody(), marker) {
				return cm, nil
			}
		}
		if resp.NextPage == 0 || len(cs) == 0 {
			return nil, nil
		}
		opt.Page = resp.NextPage
	}
}

// UpsertComment creates or updates the one sticky comment of name on the
// pull request: body (Markdown) is prefixed with the marker and cut to
// GitHub's limit. An error wraps ErrNoWritePermission when the token may
// not comment.
func (c *Client) UpsertComment(ctx context.Context, repo Repo, number int, name, body string) (*Comment, error) {
	op := fmt.Sprintf("writing the comment on %s#%d", repo, number)
	marker := Marker(name)
	full := truncateChars(marker+"\n"+body, MaxCommentBody, textNote)
	existing, err := c.FindComment(ctx, repo, number, name)
	if err != nil {
		return nil, err
	}
	if existing != nil {
		if existing.GetBody() == full {
			return &Comment{ID: existing.GetID(), URL: existing.GetHTMLURL()}, nil
		}
		cm, _, err := c.gh.Issues.EditComment(withIdempotent(ctx), repo.Owner, repo.Name, existing.GetID(), &gh.IssueComment{Body: gh.String(full)})
		if err != nil {
			return nil, c.red.wrapWrite(op, err)
		}
		return &Comment{ID: cm.GetID(), URL: cm.GetHTMLURL()}, nil
	}
	var out *Comment
	err = c.retryCreate(ctx, func() (bool, error) {
		cm, err := c.FindComment(ctx, repo, number, name)
		if err != nil || cm == nil {
			return false, err
		}
		out = &Comment{ID: cm.GetID(), URL: cm.GetHTMLURL(), Created: true}
		if cm.GetBody() != full {
			_, _, err = c.gh.Issues.EditComment(withIdempotent(ctx), repo.Owner, repo.Name, cm.GetID(), &gh.IssueComment{Body: gh.String(full)})
		}
		return true, err
	}, func() error {
		cm, _, err := c.gh.Issues.CreateComment(ctx, repo.Owner, repo.Name, number, &gh.IssueComment{Body: gh.String(full)})
		if err == nil {
			out = &Comment{ID: cm.GetID(), URL: cm.GetHTMLURL(), Created: true}
		}
		return err
	})
	if err != nil {
		return nil, c.red.wrapWrite(op, err)
	}
	return out, nil
}

// AppendStepSummary appends Markdown to the job summary file at path
// ($GITHUB_STEP_SUMMARY), keeping the file within GitHub's 1 MiB per step;
// text that does not fit is cut with a note.
func AppendStepSummary(path, markdown string) error {
	if path == "" {
		return fmt.Errorf("no job summary file (GITHUB_STEP_SUMMARY is unset)")
	}
	var size int64
	if st, err := os.Stat(path); err == nil {
		size = st.Size()
	}
	room := MaxStepSummary - int(size)
	if room <= 0 {
		return fmt.Errorf("job summary %s is already at GitHub's limit of 1 MiB", path)
	}
	if !strings.HasSuffix(markdown, "\n") {
		markdown += "\n"
	}
	markdown = truncateBytes(markdown, room, "\n\n… truncated: the job summary is limited to 1 MiB\n")
	f, err := os.OpenFile(path, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o644)
	if err != nil {
		return fmt.Errorf("opening the job summary: %w", err)
	}
	if _, err := f.WriteString(markdown); err != nil {
		f.Close()
		return fmt.Errorf("writing the job summary: %w", err)
	}
	return f.Close()
}
