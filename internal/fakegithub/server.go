package fakegithub

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Routes the fake serves, as Go ServeMux patterns whose paths are exactly
// the OpenAPI paths (so a request maps to its operation without a router).
const (
	RouteGetPull           = "GET /repos/{owner}/{repo}/pulls/{pull_number}"
	RouteListFiles         = "GET /repos/{owner}/{repo}/pulls/{pull_number}/files"
	RouteListReviews       = "GET /repos/{owner}/{repo}/pulls/{pull_number}/reviews"
	RouteTeamMembership    = "GET /orgs/{org}/teams/{team_slug}/memberships/{username}"
	RouteCreateCheckRun    = "POST /repos/{owner}/{repo}/check-runs"
	RouteUpdateCheckRun    = "PATCH /repos/{owner}/{repo}/check-runs/{check_run_id}"
	RouteListCheckRuns     = "GET /repos/{owner}/{repo}/commits/{ref}/check-runs"
	RouteListAnnotations   = "GET /repos/{owner}/{repo}/check-runs/{check_run_id}/annotations"
	RouteCreateStatus      = "POST /repos/{owner}/{repo}/statuses/{sha}"
	RouteListComments      = "GET /repos/{owner}/{repo}/issues/{issue_number}/comments"
	RouteCreateComment     = "POST /repos/{owner}/{repo}/issues/{issue_number}/comments"
	RouteUpdateComment     = "PATCH /repos/{owner}/{repo}/issues/comments/{comment_id}"
	filesCap               = 3000
	defaultPerPage         = 30
	maxPerPage             = 100
	secondaryRateLimitText = "You have exceeded a secondary rate limit. Please wait a few minutes before you try again."
)

// Options configure a Server.
type Options struct {
	// Token, when set, must come with every request as a bearer token.
	Token string
	// Spec, when set, validates every request against GitHub's OpenAPI description.
	Spec *Spec
	// EchoToken makes error responses repeat the Authorization header, as a
	// careless proxy might: the client must still never show the token.
	EchoToken bool
	// BotLogin is the user that writes comments; "github-actions[bot]" when empty.
	BotLogin string
}

// Request is one recorded request.
type Request struct {
	Method string
	Route  string // the matched pattern, e.g. RouteCreateCheckRun; "" when none matched
	Path   string
	Query  url.Values
	Body   []byte
	Fault  string // the injected fault, if any
}

// Server is the fake API. Its methods are safe for concurrent use.
type Server struct {
	// URL is the API root with a trailing slash, for the client's API URL.
	URL string

	opts Options
	srv  *httptest.Server
	done chan struct{}

	mu         sync.Mutex
	repos      map[string]*repoState
	teams      map[string]map[string]string // org/team -> user -> state
	hiddenTeam map[string]bool              // org/team -> 403
	nextID     int64
	faults     map[string][]Fault
	requests   []Request
	violations []string
}

// New starts a fake server; Close stops it.
func New(opts Options) *Server {
	if opts.BotLogin == "" {
		opts.BotLogin = "github-actions[bot]"
	}
	s := &Server{
		opts: opts, done: make(chan struct{}), repos: map[string]*repoState{},
		teams: map[string]map[string]string{}, hiddenTeam: map[string]bool{},
		faults: map[string][]Fault{}, nextID: 1000,
	}
	mux := http.NewServeMux()
	for route, h := range map[string]http.HandlerFunc{
		RouteGetPull: s.getPull, RouteListFiles: s.listFiles, RouteListReviews: s.listReviews,
		RouteTeamMembership: s.teamMembership, RouteCreateCheckRun: s.createCheckRun,
		RouteUpdateCheckRun: s.updateCheckRun, RouteListCheckRuns: s.listCheckRuns,
		RouteListAnnotations: s.listAnnotations, RouteCreateStatus: s.createStatus,
		RouteListComments: s.listComments, RouteCreateComment: s.createComment,
		RouteUpdateComment: s.updateComment,
	} {
		mux.Handle(route, s.wrap(route, h))
	}
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		s.requests = append(s.requests, Request{Method: r.Method, Path: r.URL.Path, Query: r.URL.Query()})
		s.violations = append(s.violations, fmt.Sprintf("%s %s: the fake does not serve this endpoint", r.Method, r.URL.Path))
		s.mu.Unlock()
		writeJSON(w, http.StatusNotFound, map[string]any{"message": "Not Found"})
	})
	s.srv = httptest.NewServer(mux)
	s.URL = s.srv.URL + "/"
	return s
}

// Close stops the server, releasing requests held by timeout faults.
func (s *Server) Close() {
	close(s.done)
	s.srv.CloseClientConnections()
	s.srv.Close()
}

func (s *Server) repo(owner, name string) *repoState {
	key := strings.ToLower(owner + "/" + name)
	r := s.repos[key]
	if r == nil {
		r = &repoState{prs: map[int]*PullRequest{}}
		s.repos[key] = r
	}
	return r
}

func (s *Server) id() int64 {
	s.nextID++
	return s.nextID
}

// AddPullRequest adds (or replaces) a pull request of repo (owner/name).
func (s *Server) AddPullRequest(repo string, pr PullRequest) {
	s.mu.Lock()
	defer s.mu.Unlock()
	owner, name, _ := strings.Cut(repo, "/")
	for i := range pr.Reviews {
		if pr.Reviews[i].ID == 0 {
			pr.Reviews[i].ID = s.id()
		}
	}
	s.repo(owner, name).prs[pr.Number] = &pr
}

// AddComment adds a comment to an issue or pull request, as user.
func (s *Server) AddComment(repo string, issue int, user, body string) int64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	owner, name, _ := strings.Cut(repo, "/")
	c := &Comment{ID: s.id(), Issue: issue, User: user, Body: body}
	s.repo(owner, name).comments = append(s.repo(owner, name).comments, c)
	return c.ID
}

// SetReadOnly makes every write to repo answer 403, like a fork pull
// request's token.
func (s *Server) SetReadOnly(repo string, ro bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	owner, name, _ := strings.Cut(repo, "/")
	s.repo(owner, name).readOnly = ro
}

// SetTeam sets the active members of org/team.
func (s *Server) SetTeam(org, team string, members ...string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	m := map[string]string{}
	for _, u := range members {
		m[strings.ToLower(u)] = "active"
	}
	s.teams[strings.ToLower(org+"/"+team)] = m
}

// HideTeam makes membership lookups of org/team answer 403, as for a token
// without the org members permission.
func (s *Server) HideTeam(org, team string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.hiddenTeam[strings.ToLower(org+"/"+team)] = true
}

// CheckRuns returns copies of repo's check runs in creation order.
func (s *Server) CheckRuns(repo string) []CheckRun {
	s.mu.Lock()
	defer s.mu.Unlock()
	owner, name, _ := strings.Cut(repo, "/")
	var out []CheckRun
	for _, c := range s.repo(owner, name).checkRuns {
		cp := *c
		cp.Annotations = slices.Clone(c.Annotations)
		out = append(out, cp)
	}
	return out
}

// Comments returns copies of the comments on an issue or pull request.
func (s *Server) Comments(repo string, issue int) []Comment {
	s.mu.Lock()
	defer s.mu.Unlock()
	owner, name, _ := strings.Cut(repo, "/")
	var out []Comment
	for _, c := range s.repo(owner, name).comments {
		if c.Issue == issue {
			out = append(out, *c)
		}
	}
	return out
}

// Statuses returns copies of repo's commit statuses in creation order.
func (s *Server) Statuses(repo string) []Status {
	s.mu.Lock()
	defer s.mu.Unlock()
	owner, name, _ := strings.Cut(repo, "/")
	var out []Status
	for _, st := range s.repo(owner, name).statuses {
		out = append(out, *st)
	}
	return out
}

// Requests returns the recorded requests in arrival order.
func (s *Server) Requests() []Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.requests)
}

// RequestsTo returns the recorded requests matched to route.
func (s *Server) RequestsTo(route string) []Request {
	var out []Request
	for _, r := range s.Requests() {
		if r.Route == route {
			out = append(out, r)
		}
	}
	return out
}

// Violations returns every way a request broke GitHub's rules so far
// (OpenAPI description and FACTS limits). A test passes only with none.
func (s *Server) Violations() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.violations)
}

// wrap records, authenticates, validates and fault-injects around h.
func (s *Server) wrap(route string, h http.HandlerFunc) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		r.Body = io.NopCloser(bytes.NewReader(body))
		rec := Request{Method: r.Method, Route: route, Path: r.URL.Path, Query: r.URL.Query(), Body: body}

		s.mu.Lock()
		var fault *Fault
		if q := s.faults[route]; len(q) > 0 {
			f := q[0]
			fault = &f
			if q[0].Times--; q[0].Times <= 0 {
				s.faults[route] = q[1:]
			}
			rec.Fault = f.Kind.String()
		}
		s.requests = append(s.requests, rec)
		s.mu.Unlock()

		auth := r.Header.Get("Authorization")
		if s.opts.Token != "" && auth != "Bearer "+s.opts.Token && auth != "token "+s.opts.Token {
			s.errorJSON(w, r, http.StatusUnauthorized, "Bad credentials")
			return
		}
		problems := validateLimits(route, r, body)
		if s.opts.Spec != nil {
			problems = append(problems, s.opts.Spec.validate(route, r, body)...)
			r.Body = io.NopCloser(bytes.NewReader(body))
		}
		if len(problems) > 0 {
			s.mu.Lock()
			for _, p := range problems {
				s.violations = append(s.violations, fmt.Sprintf("%s %s: %s", r.Method, r.URL.Path, p))
			}
			s.mu.Unlock()
			s.errorJSON(w, r, http.StatusUnprocessableEntity, "Validation Failed: "+strings.Join(problems, "; "))
			return
		}
		if fault == nil {
			h(w, r)
			return
		}
		if fault.Apply {
			h(httptest.NewRecorder(), r)
		}
		s.inject(w, r, *fault)
	})
}

func (s *Server) errorJSON(w http.ResponseWriter, r *http.Request, status int, msg string) {
	if s.opts.EchoToken {
		msg += " (credentials: " + r.Header.Get("Authorization") + ")"
	}
	writeJSON(w, status, map[string]any{"message": msg, "documentation_url": "https://docs.github.com/rest"})
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	b, err := json.Marshal(v)
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	if w.Header().Get("X-RateLimit-Remaining") == "" { // a fault may have set them
		w.Header().Set("X-RateLimit-Limit", "5000")
		w.Header().Set("X-RateLimit-Remaining", "4999")
		w.Header().Set("X-RateLimit-Reset", strconv.FormatInt(time.Now().Add(time.Hour).Unix(), 10))
	}
	w.WriteHeader(status)
	_, _ = w.Write(b)
}

// paginate applies page/per_page to n items, sets the Link header and
// returns the slice bounds. per_page above 100 is a violation (checked in
// validateLimits); here it is clamped as GitHub does.
func paginate(w http.ResponseWriter, r *http.Request, n int) (int, int) {
	q := r.URL.Query()
	per, err := strconv.Atoi(q.Get("per_page"))
	if err != nil || per <= 0 {
		per = defaultPerPage
	}
	per = min(per, maxPerPage)
	page, err := strconv.Atoi(q.Get("page"))
	if err != nil || page <= 0 {
		page = 1
	}
	start := min((page-1)*per, n)
	end := min(start+per, n)
	last := max(1, (n+per-1)/per)
	link := func(p int) string {
		u := *r.URL
		u.Scheme, u.Host = "http", r.Host
		v := u.Query()
		v.Set("page", strconv.Itoa(p))
		v.Set("per_page", strconv.Itoa(per))
		u.RawQuery = v.Encode()
		return "<" + u.String() + ">"
	}
	var links []string
	if page < last {
		links = append(links, link(page+1)+`; rel="next"`, link(last)+`; rel="last"`)
	}
	if page > 1 {
		links = append(links, link(1)+`; rel="first"`, link(page-1)+`; rel="prev"`)
	}
	if len(links) > 0 {
		w.Header().Set("Link", strings.Join(links, ", "))
	}
	return start, end
}
