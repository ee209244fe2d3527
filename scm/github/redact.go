package github

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"strings"

	gh "github.com/google/go-github/v60/github"
)

// Errors callers branch on. They are matched with errors.Is.
var (
	// ErrNoWritePermission: the token may not create check runs, statuses or
	// comments (a fork pull request, or a read-only token). Fall back to
	// workflow-command annotations, the job summary and the exit code.
	ErrNoWritePermission = errors.New("the token has no write permission for this repository")
	// ErrCannotVerify: a team membership could not be checked with this token
	// (GitHub answered 403 or 404). Never count it as membership.
	ErrCannotVerify = errors.New("team membership cannot be verified with this token")
	// ErrIncompleteFiles: the pull request files API stops at 3000 files, so
	// the list is incomplete. Fail closed.
	ErrIncompleteFiles = errors.New("the pull request changes more files than the GitHub API lists (3000)")
	// ErrNotFound: the object does not exist or the token cannot see it.
	ErrNotFound = errors.New("not found")
)

// APIError is a failed GitHub API call. Its text never contains the token,
// even when GitHub echoes it: every string in it went through the redactor.
// It wraps only this package's sentinel errors and context errors, never the
// underlying go-github error, so no unredacted text can be reached through it.
type APIError struct {
	Op         string // what was being done, e.g. "creating check run"
	StatusCode int    // HTTP status, 0 for network errors
	Message    string // redacted detail
	kind       error  // sentinel or context error, may be nil
}

func (e *APIError) Error() string {
	if e.StatusCode != 0 {
		return fmt.Sprintf("github: %s: HTTP %d: %s", e.Op, e.StatusCode, e.Message)
	}
	return fmt.Sprintf("github: %s: %s", e.Op, e.Message)
}

// Unwrap exposes the sentinel (ErrNoWritePermission, ErrNotFound, ...) or
// context error behind the failure.
func (e *APIError) Unwrap() error { return e.kind }

// redactor replaces secrets in text.
type redactor struct {
	secrets []string
}

// tokenPattern matches GitHub token formats (classic, fine-grained,
// installation, OAuth) and bearer headers, as a second line of defence.
var tokenPattern = regexp.MustCompile(`\b(gh[pousr]_[A-Za-z0-9]{20,}|github_pat_[A-Za-z0-9_]{20,})\b|(?i:(bearer|token)\s+)[A-Za-z0-9_\-\.]{20,}`)

func newRedactor(secrets ...string) redactor {
	var r redactor
	for _, s := range secrets {
		if s = strings.TrimSpace(s); s != "" {
			r.secrets = append(r.secrets, s)
		}
	}
	return r
}

func (r redactor) String(s string) string {
	for _, sec := range r.secrets {
		s = strings.ReplaceAll(s, sec, "[REDACTED]")
	}
	return tokenPattern.ReplaceAllStringFunc(s, func(m string) string {
		if i := strings.IndexAny(m, " \t"); i >= 0 && (strings.HasPrefix(strings.ToLower(m), "bearer") || strings.HasPrefix(strings.ToLower(m), "token")) {
			return m[:i+1] + "[REDACTED]"
		}
		return "[REDACTED]"
	})
}

// wrapWrite is wrap for requests that write: a plain 403 (not a rate
// limit) means the token may not write.
func (r redactor) wrapWrite(op string, err error) error {
	if err == nil {
		return nil
	}
	var rl *gh.RateLimitError
	var ab *gh.AbuseRateLimitError
	e := r.wrap(op, err).(*APIError)
	if e.StatusCode == http.StatusForbidden && !errors.As(err, &rl) && !errors.As(err, &ab) &&
		!strings.Contains(strings.ToLower(e.Message), "rate limit") {
		e.kind = ErrNoWritePermission
	}
	return e
}

// wrap turns any error from an API call into an *APIError with redacted text.
func (r redactor) wrap(op string, err error) error {
	if err == nil {
		return nil
	}
	e := &APIError{Op: op}
	var er *gh.ErrorResponse
	var rl *gh.RateLimitError
	var ab *gh.AbuseRateLimitError
	var amb *AmbiguousError
	switch {
	case errors.As(err, &rl):
		e.StatusCode = statusOf(rl.Response)
		e.Message = "rate limit exceeded: " + rl.Message
	case errors.As(err, &ab):
		e.StatusCode = statusOf(ab.Response)
		e.Message = "secondary rate limit: " + ab.Message
	case errors.As(err, &er):
		e.StatusCode = statusOf(er.Response)
		e.Message = er.Message
		if e.Message == "" {
			e.Message = http.StatusText(e.StatusCode)
		}
		for _, d := range er.Errors {
			if d.Message != "" {
				e.Message += "; " + d.Message
			} else if d.Code != "" {
				e.Message += fmt.Sprintf("; %s %s", d.Field, d.Code)
			}
		}
		if e.StatusCode == http.StatusNotFound {
			e.kind = ErrNotFound
		}
	case errors.As(err, &amb):
		e.Message = amb.Error()
	case errors.Is(err, context.Canceled), errors.Is(err, context.DeadlineExceeded):
		e.Message = err.Error()
		if errors.Is(err, context.Canceled) {
			e.kind = context.Canceled
		} else {
			e.kind = context.DeadlineExceeded
		}
	default:
		e.Message = err.Error()
		var ue *url.Error
		var se *json.SyntaxError
		var te *json.UnmarshalTypeError
		if !errors.As(err, &ue) && (errors.As(err, &se) || errors.As(err, &te) || errors.Is(err, io.ErrUnexpectedEOF)) {
			e.Message = "malformed JSON in the response: " + e.Message
		}
	}
	e.Message = r.String(e.Message)
	return e
}

func statusOf(resp *http.Response) int {
	if resp == nil {
		return 0
	}
	return resp.StatusCode
}
