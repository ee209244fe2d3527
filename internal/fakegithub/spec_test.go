package fakegithub

import (
	"net/http"
	"os"
	"strings"
	"testing"
	"time"
)

// spec returns the shared OpenAPI description, or nil when it is not
// configured outside CI. In CI (CI=true) a missing description fails.
func spec(t *testing.T) *Spec {
	t.Helper()
	start := time.Now()
	s, err := RequireSpec(os.Getenv("CI") == "true")
	if err != nil {
		t.Fatal(err)
	}
	if s != nil {
		t.Logf("OpenAPI description ready in %s (loaded once per test binary)", time.Since(start).Round(time.Millisecond))
	}
	return s
}

func do(t *testing.T, s *Server, method, path, body string) int {
	t.Helper()
	req, err := http.NewRequest(method, s.URL+strings.TrimPrefix(path, "/"), strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Authorization", "Bearer tok")
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	return resp.StatusCode
}

func TestValidation(t *testing.T) {
	sp := spec(t)
	long := strings.Repeat("x", 65536)
	ann := func(extra string) string {
		return `{"path":"a.tf","start_line":1,"end_line":1,"annotation_level":"failure","message":"m"` + extra + `}`
	}
	many := make([]string, 51)
	for i := range many {
		many[i] = ann("")
	}
	tests := []struct {
		name, method, path, body string
		wantOK                   bool
		want                     string // substring of a violation (limits checks)
		specOnly                 bool   // only the OpenAPI description catches it
	}{
		{name: "valid create", method: "POST", path: "/repos/o/r/check-runs", wantOK: true,
			body: `{"name":"infragate","head_sha":"abc","status":"in_progress","output":{"title":"t","summary":"s","annotations":[` + ann("") + `]}}`},
		{name: "valid status", method: "POST", path: "/repos/o/r/statuses/abc", wantOK: true, body: `{"state":"success","context":"infragate","description":"ok"}`},
		{name: "completed without conclusion", method: "POST", path: "/repos/o/r/check-runs",
			body: `{"name":"n","head_sha":"abc","status":"completed"}`, want: "needs a conclusion"},
		{name: "missing name", method: "POST", path: "/repos/o/r/check-runs", body: `{"head_sha":"abc"}`, want: "name is required"},
		{name: "summary too long", method: "POST", path: "/repos/o/r/check-runs",
			body: `{"name":"n","head_sha":"abc","output":{"title":"t","summary":"` + long + `"}}`, want: "output.summary has 65536"},
		{name: "51 annotations", method: "POST", path: "/repos/o/r/check-runs",
			body: `{"name":"n","head_sha":"abc","output":{"title":"t","summary":"s","annotations":[` + strings.Join(many, ",") + `]}}`, want: "51 annotations"},
		{name: "bad level", method: "POST", path: "/repos/o/r/check-runs",
			body: `{"name":"n","head_sha":"abc","output":{"title":"t","summary":"s","annotations":[{"path":"a","start_line":1,"end_line":1,"annotation_level":"error","message":"m"}]}}`, want: `annotation_level "error"`},
		{name: "annotation without message", method: "POST", path: "/repos/o/r/check-runs",
			body: `{"name":"n","head_sha":"abc","output":{"title":"t","summary":"s","annotations":[{"path":"a","start_line":1,"end_line":1,"annotation_level":"notice"}]}}`, want: "message is required"},
		{name: "columns across lines", method: "POST", path: "/repos/o/r/check-runs",
			body: `{"name":"n","head_sha":"abc","output":{"title":"t","summary":"s","annotations":[` + `{"path":"a","start_line":1,"end_line":2,"start_column":1,"end_column":2,"annotation_level":"notice","message":"m"}` + `]}}`, want: "columns are allowed only"},
		{name: "status state", method: "POST", path: "/repos/o/r/statuses/abc", body: `{"state":"neutral"}`, want: "state is required"},
		{name: "status description", method: "POST", path: "/repos/o/r/statuses/abc", body: `{"state":"success","description":"` + strings.Repeat("d", 141) + `"}`, want: "description has 141"},
		{name: "per_page", method: "GET", path: "/repos/o/r/issues/1/comments?per_page=101", want: "per_page=101"},
		{name: "wrong type of details_url", method: "POST", path: "/repos/o/r/check-runs",
			body: `{"name":"n","head_sha":"abc","details_url":5}`, want: "OpenAPI", specOnly: true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if tc.specOnly && sp == nil {
				t.Logf("%s unset: only the FACTS limits are checked here; CI checks this case", SpecEnv)
				return
			}
			s := New(Options{Token: "tok", Spec: sp})
			defer s.Close()
			code := do(t, s, tc.method, tc.path, tc.body)
			v := s.Violations()
			if tc.wantOK {
				if len(v) > 0 || code >= 400 {
					t.Fatalf("got %d, violations %q; want none", code, v)
				}
				return
			}
			if code != http.StatusUnprocessableEntity {
				t.Errorf("status %d, want 422", code)
			}
			found := false
			for _, m := range v {
				found = found || strings.Contains(m, tc.want)
			}
			if !found {
				t.Errorf("violations %q lack %q", v, tc.want)
			}
		})
	}
}

func TestUnknownEndpointIsAViolation(t *testing.T) {
	s := New(Options{})
	defer s.Close()
	if code := do(t, s, "DELETE", "/repos/o/r", ""); code != http.StatusNotFound {
		t.Errorf("status %d, want 404", code)
	}
	if v := s.Violations(); len(v) != 1 || !strings.Contains(v[0], "does not serve") {
		t.Errorf("violations %q", v)
	}
}

func TestAuth(t *testing.T) {
	s := New(Options{Token: "right"})
	defer s.Close()
	if code := do(t, s, "GET", "/repos/o/r/issues/1/comments", ""); code != http.StatusUnauthorized {
		t.Errorf("wrong token: status %d, want 401", code)
	}
}
