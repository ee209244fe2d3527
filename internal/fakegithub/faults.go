package fakegithub

import (
	"net/http"
	"strconv"
	"time"
)

// FaultKind is what an injected fault does.
type FaultKind int

// Fault kinds.
const (
	FaultStatus        FaultKind = iota // answer Status with Body and Header
	FaultTimeout                        // never answer (until the client gives up)
	FaultReset                          // close the connection without an answer
	FaultMalformedJSON                  // answer 200 with broken JSON
)

func (k FaultKind) String() string {
	switch k {
	case FaultStatus:
		return "status"
	case FaultTimeout:
		return "timeout"
	case FaultReset:
		return "reset"
	case FaultMalformedJSON:
		return "malformed-json"
	}
	return "unknown"
}

// Fault is a failure injected into the next requests of a route.
type Fault struct {
	Kind   FaultKind
	Times  int // how many requests fail; 1 when 0
	Status int // FaultStatus: the HTTP status
	Body   string
	Header map[string]string
	// Apply handles the request (changing state) before failing, like a
	// gateway that times out after the backend acted: the client cannot
	// tell whether its write happened.
	Apply bool
}

// Fail queues f for the next f.Times requests to route (a Route* constant).
func (s *Server) Fail(route string, f Fault) {
	if f.Times <= 0 {
		f.Times = 1
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.faults[route] = append(s.faults[route], f)
}

// StatusFault answers status with a GitHub-style error body.
func StatusFault(status int) Fault {
	return Fault{Kind: FaultStatus, Status: status}
}

// RetryAfterFault answers status (429 or 403) with a Retry-After header.
func RetryAfterFault(status, seconds int) Fault {
	return Fault{Kind: FaultStatus, Status: status, Header: map[string]string{"Retry-After": strconv.Itoa(seconds)}}
}

// SecondaryRateLimitFault answers 403 with GitHub's secondary rate limit
// message and no Retry-After header.
func SecondaryRateLimitFault() Fault {
	return Fault{Kind: FaultStatus, Status: http.StatusForbidden,
		Body: `{"message":"` + secondaryRateLimitText + `","documentation_url":"https://docs.github.com/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits"}`}
}

func (s *Server) inject(w http.ResponseWriter, r *http.Request, f Fault) {
	switch f.Kind {
	case FaultTimeout:
		select {
		case <-r.Context().Done():
		case <-s.done:
		case <-time.After(30 * time.Second):
		}
	case FaultReset:
		hj, ok := w.(http.Hijacker)
		if !ok {
			http.Error(w, "cannot hijack", http.StatusInternalServerError)
			return
		}
		conn, _, err := hj.Hijack()
		if err == nil {
			conn.Close()
		}
	case FaultMalformedJSON:
		w.Header().Set("Content-Type", "application/json; charset=utf-8")
		w.WriteHeader(http.StatusOK)
		_, _ = w.Write([]byte(`{"id": 1, "name": "trunc`))
	default:
		for k, v := range f.Header {
			w.Header().Set(k, v)
		}
		if f.Body != "" {
			w.Header().Set("Content-Type", "application/json; charset=utf-8")
			w.WriteHeader(f.Status)
			_, _ = w.Write([]byte(f.Body))
			return
		}
		s.errorJSON(w, r, f.Status, http.StatusText(f.Status))
	}
}
