package github

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// Clock is the time source of the retrying transport. Tests pass a fake one
// so that backoff and Retry-After waits take no real time.
type Clock interface {
	Now() time.Time
	// Sleep waits for d or until ctx is done, whichever comes first.
	Sleep(ctx context.Context, d time.Duration) error
}

type realClock struct{}

func (realClock) Now() time.Time { return time.Now() }

func (realClock) Sleep(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

// RetryPolicy bounds the retries of one API request. Zero fields take the
// defaults noted on each.
type RetryPolicy struct {
	MaxAttempts    int           // attempts per request, including the first; default 5
	Budget         time.Duration // total time for all attempts and waits of one request; default 2m
	BaseDelay      time.Duration // first backoff delay, doubled per attempt; default 1s
	MaxDelay       time.Duration // cap of one backoff delay; default 30s
	AttemptTimeout time.Duration // deadline of a single attempt; default 30s
	// Jitter returns a number in [0,1) used to spread backoff delays; default math/rand/v2.
	Jitter func() float64
}

func (p RetryPolicy) withDefaults() RetryPolicy {
	if p.MaxAttempts <= 0 {
		p.MaxAttempts = 5
	}
	if p.Budget <= 0 {
		p.Budget = 2 * time.Minute
	}
	if p.BaseDelay <= 0 {
		p.BaseDelay = time.Second
	}
	if p.MaxDelay <= 0 {
		p.MaxDelay = 30 * time.Second
	}
	if p.AttemptTimeout <= 0 {
		p.AttemptTimeout = 30 * time.Second
	}
	if p.Jitter == nil {
		p.Jitter = rand.Float64
	}
	return p
}

// idempotentKey marks a request whose repetition is harmless although its
// method is not idempotent by definition (for example a PATCH that sets the
// same fields again).
type idempotentKey struct{}

func withIdempotent(ctx context.Context) context.Context {
	return context.WithValue(ctx, idempotentKey{}, true)
}

func isIdempotent(req *http.Request) bool {
	switch req.Method {
	case http.MethodGet, http.MethodHead, http.MethodOptions, http.MethodPut, http.MethodDelete:
		return true
	}
	v, _ := req.Context().Value(idempotentKey{}).(bool)
	return v
}

// AmbiguousError reports that a non-idempotent request (creating a check run
// or a comment) failed in a way that leaves open whether GitHub acted on it:
// a timeout, a reset connection or a 5xx. The caller must look before it
// creates the object again.
type AmbiguousError struct {
	Method, Path string
	Reason       string
}

func (e *AmbiguousError) Error() string {
	return fmt.Sprintf("%s %s: %s (the request may or may not have taken effect)", e.Method, e.Path, e.Reason)
}

// retryTransport retries requests that failed for reasons worth retrying,
// within a RetryPolicy.
type retryTransport struct {
	base   http.RoundTripper
	policy RetryPolicy
	clock  Clock
}

// retryVerdict says whether and how long to wait before the next attempt.
type retryVerdict struct {
	retry     bool
	wait      time.Duration // explicit wait from the server (Retry-After, rate-limit reset), else 0
	ambiguous bool          // the request may have been processed
	reason    string
}

func (t *retryTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	p := t.policy
	start := t.clock.Now()
	deadline := start.Add(p.Budget)
	var body []byte
	if req.Body != nil && req.Body != http.NoBody {
		b, err := io.ReadAll(req.Body)
		req.Body.Close()
		if err != nil {
			return nil, fmt.Errorf("reading request body: %w", err)
		}
		body = b
	}
	idem := isIdempotent(req)
	for attempt := 1; ; attempt++ {
		resp, err := t.attempt(req, body)
		v := classify(resp, err, t.clock.Now())
		if !v.retry {
			return resp, err
		}
		last := attempt >= p.MaxAttempts
		if v.ambiguous && !idem {
			// Never repeat a create blindly: report and let the caller look first.
			drain(resp)
			return nil, &AmbiguousError{Method: req.Method, Path: req.URL.Path, Reason: v.reason}
		}
		wait := v.wait
		if wait <= 0 {
			wait = backoff(p, attempt)
		}
		now := t.clock.Now()
		if !last && now.Add(wait).After(deadline) {
			last = true
			v.reason += fmt.Sprintf("; the next wait (%s) would exceed the retry budget of %s", wait.Round(time.Millisecond), p.Budget)
		}
		if last {
			if resp != nil {
				// Hand back the final response: the client turns it into an error.
				return resp, nil
			}
			return nil, fmt.Errorf("%s %s: giving up after %d attempts: %s", req.Method, req.URL.Path, attempt, v.reason)
		}
		drain(resp)
		if err := t.clock.Sleep(req.Context(), wait); err != nil {
			return nil, err
		}
	}
}

func (t *retryTransport) attempt(req *http.Request, body []byte) (*http.Response, error) {
	ctx, cancel := context.WithTimeout(req.Context(), t.policy.AttemptTimeout)
	r := req.Clone(ctx)
	if body != nil {
		r.Body = io.NopCloser(bytes.NewReader(body))
		r.GetBody = func() (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(body)), nil }
		r.ContentLength = int64(len(body))
	}
	resp, err := t.base.RoundTrip(r)
	if err != nil {
		cancel()
		if req.Context().Err() != nil {
			return nil, req.Context().Err()
		}
		return nil, err
	}
	resp.Body = &cancelBody{ReadCloser: resp.Body, cancel: cancel}
	return resp, nil
}

type cancelBody struct {
	io.ReadCloser
	cancel context.CancelFunc
}

func (b *cancelBody) Close() error {
	err := b.ReadCloser.Close()
	b.cancel()
	return err
}

func drain(resp *http.Response) {
	if resp == nil {
		return
	}
	_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 1<<20))
	resp.Body.Close()
}

// backoff is the exponential delay before attempt+1, with "equal jitter":
// between half and all of the capped exponential delay.
func backoff(p RetryPolicy, attempt int) time.Duration {
	d := p.BaseDelay
	for i := 1; i < attempt && d < p.MaxDelay; i++ {
		d *= 2
	}
	if d > p.MaxDelay {
		d = p.MaxDelay
	}
	half := d / 2
	return half + time.Duration(p.Jitter()*float64(d-half))
}

// classify decides whether a response or transport error is worth another
// attempt. It peeks at 403 bodies to recognise secondary rate limits and
// restores the body for the caller.
func classify(resp *http.Response, err error, now time.Time) retryVerdict {
	if err != nil {
		if errors.Is(err, context.Canceled) {
			return retryVerdict{}
		}
		if isDialError(err) {
			// The request never left: safe to repeat for any method.
			return retryVerdict{retry: true, reason: "connection failed: " + err.Error()}
		}
		reason := "network error: " + err.Error()
		if errors.Is(err, context.DeadlineExceeded) || isTimeout(err) {
			reason = "request timed out"
		} else if errors.Is(err, syscall.ECONNRESET) || errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
			reason = "connection reset"
		}
		return retryVerdict{retry: true, ambiguous: true, reason: reason}
	}
	switch resp.StatusCode {
	case http.StatusInternalServerError, http.StatusBadGateway, http.StatusServiceUnavailable, http.StatusGatewayTimeout:
		return retryVerdict{retry: true, ambiguous: true, reason: fmt.Sprintf("server error %d", resp.StatusCode), wait: retryAfter(resp, now)}
	case http.StatusTooManyRequests:
		return retryVerdict{retry: true, reason: "rate limited (429)", wait: rateLimitWait(resp, now)}
	case http.StatusForbidden:
		if resp.Header.Get("Retry-After") != "" {
			return retryVerdict{retry: true, reason: "secondary rate limit (403 with Retry-After)", wait: rateLimitWait(resp, now)}
		}
		if resp.Header.Get("X-RateLimit-Remaining") == "0" {
			return retryVerdict{retry: true, reason: "rate limit exhausted (403)", wait: rateLimitWait(resp, now)}
		}
		b, _ := io.ReadAll(io.LimitReader(resp.Body, 64<<10))
		resp.Body.Close()
		resp.Body = io.NopCloser(bytes.NewReader(b))
		if strings.Contains(strings.ToLower(string(b)), "secondary rate limit") {
			// GitHub asks for at least a minute when it gives no header.
			return retryVerdict{retry: true, reason: "secondary rate limit (403)", wait: time.Minute}
		}
	}
	return retryVerdict{}
}

// rateLimitWait reads Retry-After, else X-RateLimit-Reset (epoch seconds)
// when the remaining quota is zero.
func rateLimitWait(resp *http.Response, now time.Time) time.Duration {
	if d := retryAfter(resp, now); d > 0 {
		return d
	}
	if resp.Header.Get("X-RateLimit-Remaining") == "0" {
		if s, err := strconv.ParseInt(resp.Header.Get("X-RateLimit-Reset"), 10, 64); err == nil {
			d := time.Unix(s, 0).Sub(now)
			if date, err := http.ParseTime(resp.Header.Get("Date")); err == nil {
				// Measure against the server's clock, not ours.
				d = time.Unix(s, 0).Sub(date)
			}
			if d > 0 {
				return d + time.Second
			}
		}
	}
	return 0
}

func retryAfter(resp *http.Response, now time.Time) time.Duration {
	v := strings.TrimSpace(resp.Header.Get("Retry-After"))
	if v == "" {
		return 0
	}
	if s, err := strconv.Atoi(v); err == nil && s >= 0 {
		return time.Duration(s) * time.Second
	}
	if t, err := http.ParseTime(v); err == nil {
		if date, err := http.ParseTime(resp.Header.Get("Date")); err == nil {
			return t.Sub(date)
		}
		return t.Sub(now)
	}
	return 0
}

func isDialError(err error) bool {
	var op *net.OpError
	return errors.As(err, &op) && op.Op == "dial"
}

func isTimeout(err error) bool {
	var ne net.Error
	return errors.As(err, &ne) && ne.Timeout()
}
