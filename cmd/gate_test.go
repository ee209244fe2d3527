package cmd

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/infragate/infragate/internal/fakegithub"
	"github.com/infragate/infragate/scm/github"
)

const (
	gateToken = "ghs_GATEtoken0123456789abcdefABCDEFxyz"
	gateRepo  = "acme/infra"
	gatePR    = 7
)

// gatePolicy denies public buckets and warns about unencrypted ones; the
// messages carry the bucket's name, which comes from the pull request.
const gatePolicy = `package main

deny contains msg if {
	input.public == true
	msg := sprintf("bucket %s is public", [input.name])
}

warn contains msg if {
	input.encrypted == false
	msg := sprintf("bucket %s is not encrypted", [input.name])
}
`

// gateEnv is a scratch repository with a base and a head commit, a fake
// GitHub holding the pull request, and the Actions environment of a job.
type gateEnv struct {
	t          *testing.T
	srv        *fakegithub.Server
	dir        string // the workspace: a clone checked out at the head
	tmp        string
	base, head string
	vars       map[string]string
	clock      *fakegithub.Clock
	stdout     bytes.Buffer
	stderr     bytes.Buffer
}

// newGate commits base (path -> content) on main, then applies head
// (content "" deletes) on a feature branch, checks it out and opens pull
// request 7 on a fake GitHub. The policy is committed on main unless base
// overrides policy/main.rego.
func newGate(t *testing.T, base, head map[string]string, opts fakegithub.Options) *gateEnv {
	t.Helper()
	spec, err := fakegithub.RequireSpec(os.Getenv("CI") == "true")
	if err != nil {
		t.Fatal(err)
	}
	opts.Spec = spec
	if opts.Token == "" {
		opts.Token = gateToken
	}
	e := &gateEnv{t: t, dir: filepath.Join(t.TempDir(), "work"), tmp: t.TempDir(), clock: fakegithub.NewClock(time.Date(2026, 3, 4, 5, 6, 7, 0, time.UTC))}
	if err := os.MkdirAll(e.dir, 0o755); err != nil {
		t.Fatal(err)
	}
	e.git("init", "-q", "-b", "main")
	if _, ok := base["policy/main.rego"]; !ok {
		base = mergeMaps(map[string]string{"policy/main.rego": gatePolicy}, base)
	}
	e.write(base)
	e.base = e.commit("base")
	e.git("checkout", "-q", "-b", "feature")
	e.write(head)
	e.head = e.commit("head")

	e.srv = fakegithub.New(opts)
	t.Cleanup(func() {
		e.srv.Close()
		for _, v := range e.srv.Violations() {
			t.Errorf("request GitHub would reject: %s", v)
		}
	})
	e.srv.AddPullRequest(gateRepo, fakegithub.PullRequest{
		Number: gatePR, Title: "Change infra", Author: "dev", BaseRef: "main", BaseSHA: e.base,
		HeadRef: "feature", HeadSHA: e.head, Files: e.prFiles(),
	})
	e.vars = map[string]string{
		"GITHUB_REPOSITORY":   gateRepo,
		"GITHUB_API_URL":      e.srv.URL,
		"GITHUB_SHA":          e.head,
		"GITHUB_WORKSPACE":    e.dir,
		"GITHUB_STEP_SUMMARY": filepath.Join(e.tmp, "summary.md"),
		"GITHUB_OUTPUT":       filepath.Join(e.tmp, "output"),
		"GITHUB_TOKEN":        gateToken,
	}
	e.event("pull_request", e.prPayload("synchronize"))
	return e
}

func mergeMaps(a, b map[string]string) map[string]string {
	out := map[string]string{}
	for k, v := range a {
		out[k] = v
	}
	for k, v := range b {
		out[k] = v
	}
	return out
}

func (e *gateEnv) git(args ...string) string {
	e.t.Helper()
	cmd := exec.Command("git", args...)
	cmd.Dir = e.dir
	cmd.Env = append(os.Environ(), "GIT_CONFIG_GLOBAL=/dev/null", "GIT_CONFIG_NOSYSTEM=1",
		"GIT_AUTHOR_NAME=Test", "GIT_AUTHOR_EMAIL=t@example.com", "GIT_COMMITTER_NAME=Test", "GIT_COMMITTER_EMAIL=t@example.com")
	out, err := cmd.CombinedOutput()
	if err != nil {
		e.t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return strings.TrimSpace(string(out))
}

func (e *gateEnv) write(files map[string]string) {
	e.t.Helper()
	for name, content := range files {
		p := filepath.Join(e.dir, filepath.FromSlash(name))
		if content == "" {
			if err := os.Remove(p); err != nil {
				e.t.Fatal(err)
			}
			continue
		}
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			e.t.Fatal(err)
		}
		if target, ok := strings.CutPrefix(content, symlinkTo); ok {
			if err := os.Symlink(target, p); err != nil {
				e.t.Fatal(err)
			}
			continue
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			e.t.Fatal(err)
		}
	}
}

// symlinkTo, followed by a target, makes gateEnv.write create a link.
const symlinkTo = "\x00symlink to "

func (e *gateEnv) commit(msg string) string {
	e.git("add", "-A")
	e.git("commit", "-q", "--allow-empty", "-m", msg)
	return e.git("rev-parse", "HEAD")
}

// prFiles lists the pull request's files as the files API would.
func (e *gateEnv) prFiles() []fakegithub.File {
	var out []fakegithub.File
	for _, l := range strings.Split(e.git("diff", "--name-status", e.base+"..."+e.head), "\n") {
		st, name, ok := strings.Cut(l, "\t")
		if !ok {
			continue
		}
		status := map[string]string{"A": "added", "D": "removed"}[st]
		out = append(out, fakegithub.File{Filename: name, Status: status})
	}
	return out
}

func (e *gateEnv) prPayload(action string) map[string]any {
	return map[string]any{
		"action": action, "number": gatePR,
		"repository": map[string]any{"full_name": gateRepo},
		"pull_request": map[string]any{
			"number": gatePR, "title": "Change infra", "user": map[string]any{"login": "dev"},
			"base": map[string]any{"ref": "main", "sha": e.base, "repo": map[string]any{"full_name": gateRepo}},
			"head": map[string]any{"ref": "feature", "sha": e.head, "repo": map[string]any{"full_name": gateRepo}},
		},
	}
}

// event sets the job's event name and payload.
func (e *gateEnv) event(name string, payload map[string]any) {
	e.t.Helper()
	b, err := json.Marshal(payload)
	if err != nil {
		e.t.Fatal(err)
	}
	p := filepath.Join(e.tmp, "event.json")
	if err := os.WriteFile(p, b, 0o644); err != nil {
		e.t.Fatal(err)
	}
	e.vars["GITHUB_EVENT_NAME"], e.vars["GITHUB_EVENT_PATH"] = name, p
}

// run runs `infragate gate args...` through the command's flag parsing,
// with retries on the fake clock, and returns the exit code.
func (e *gateEnv) run(args ...string) int {
	e.t.Helper()
	e.stdout.Reset()
	e.stderr.Reset()
	stdio := IO{Out: &e.stdout, ErrOut: &e.stderr, Getenv: func(k string) string { return e.vars[k] }}
	c := NewCmdGate(stdio, func(ctx context.Context, o *GateOptions) error {
		o.Clock = e.clock
		o.Retry = github.RetryPolicy{AttemptTimeout: 300 * time.Millisecond, Jitter: func() float64 { return 0.5 }}
		return runGate(ctx, o)
	})
	c.SetArgs(args)
	c.SetOut(&e.stdout)
	c.SetErr(&e.stderr)
	c.SilenceErrors, c.SilenceUsage = true, true
	code := exitCode(c.ExecuteContext(context.Background()), &e.stderr)
	for _, s := range []string{e.stdout.String(), e.stderr.String(), e.summary(), e.outputs()} {
		if strings.Contains(s, gateToken) {
			e.t.Errorf("the token leaked into the output:\n%s", s)
		}
	}
	return code
}

func (e *gateEnv) summary() string {
	b, _ := os.ReadFile(e.vars["GITHUB_STEP_SUMMARY"])
	return string(b)
}

func (e *gateEnv) outputs() string {
	b, _ := os.ReadFile(e.vars["GITHUB_OUTPUT"])
	return string(b)
}

// checkRun returns the only check run, failing otherwise.
func (e *gateEnv) checkRun() fakegithub.CheckRun {
	e.t.Helper()
	runs := e.srv.CheckRuns(gateRepo)
	if len(runs) != 1 {
		e.t.Fatalf("%d check runs, want 1: %+v\nstderr:\n%s", len(runs), runs, e.stderr.String())
	}
	return runs[0]
}

func (e *gateEnv) comments() []fakegithub.Comment { return e.srv.Comments(gateRepo, gatePR) }

func (e *gateEnv) want(code, wantCode int) {
	e.t.Helper()
	if code != wantCode {
		e.t.Fatalf("exit %d, want %d\nstdout:\n%s\nstderr:\n%s", code, wantCode, e.stdout.String(), e.stderr.String())
	}
}

// buckets is a YAML stream of buckets: public ones fail, unencrypted ones warn.
func buckets(specs ...string) string {
	var docs []string
	for _, s := range specs {
		name, attrs, _ := strings.Cut(s, ":")
		doc := "name: " + name + "\n"
		if strings.Contains(attrs, "public") {
			doc += "public: true\n"
		}
		if strings.Contains(attrs, "plain") {
			doc += "encrypted: false\n"
		}
		docs = append(docs, doc)
	}
	return strings.Join(docs, "---\n")
}

type wantAnn struct {
	path  string
	line  int
	level string
}

func annotationsOf(r fakegithub.CheckRun) []wantAnn {
	var out []wantAnn
	for _, a := range r.Annotations {
		out = append(out, wantAnn{a.Path, a.StartLine, a.Level})
	}
	return out
}

func TestGateViolations(t *testing.T) {
	e := newGate(t, nil, map[string]string{
		"infra/buckets.yaml": buckets("logs:public", "data:plain"),
	}, fakegithub.Options{})
	e.want(e.run(), ExitBlocking)

	r := e.checkRun()
	if r.Status != "completed" || r.Conclusion != "failure" || r.HeadSHA != e.head {
		t.Errorf("check run %s/%s on %s", r.Status, r.Conclusion, r.HeadSHA)
	}
	if r.Title != "Failed: 1 hard-mandatory finding (an approval cannot override)" {
		t.Errorf("title %q", r.Title)
	}
	if !strings.Contains(r.Summary, "**1 blocking**, 1 failure, 1 warning") || !strings.Contains(r.Summary, "fix the blocking findings") {
		t.Errorf("summary:\n%s", r.Summary)
	}
	if !strings.Contains(r.Text, "bucket logs is public") || !strings.Contains(r.Text, "infra/buckets.yaml:2") {
		t.Errorf("text:\n%s", r.Text)
	}
	// Most severe first, on the lines of the offending attributes.
	if got, want := annotationsOf(r), []wantAnn{{"infra/buckets.yaml", 2, "failure"}, {"infra/buckets.yaml", 5, "warning"}}; !slices.Equal(got, want) {
		t.Errorf("annotations %v, want %v", got, want)
	}
	cs := e.comments()
	if len(cs) != 1 || !strings.HasPrefix(cs[0].Body, github.Marker("infragate")) ||
		!strings.Contains(cs[0].Body, "Failed: 1 hard-mandatory finding") || !strings.Contains(cs[0].Body, "bucket logs is public") {
		t.Errorf("comments: %+v", cs)
	}
	if s := e.summary(); !strings.Contains(s, "bucket logs is public") || !strings.Contains(s, "fix the blocking findings") {
		t.Errorf("job summary:\n%s", s)
	}
	if got := e.outputs(); got != "verdict=fail\nfailures=1\nwarnings=1\nblocking=1\n" {
		t.Errorf("step outputs %q", got)
	}
	if !strings.Contains(e.stdout.String(), "bucket logs is public") {
		t.Errorf("log output:\n%s", e.stdout.String())
	}
	if strings.Contains(e.stdout.String(), "::error") {
		t.Errorf("workflow commands written although the check run carries the annotations:\n%s", e.stdout.String())
	}
}

func TestGateClean(t *testing.T) {
	e := newGate(t, nil, map[string]string{"infra/buckets.yaml": buckets("logs")}, fakegithub.Options{})
	e.want(e.run(), ExitPass)
	r := e.checkRun()
	if r.Conclusion != "success" || r.Title != "Passed: nothing blocks" || len(r.Annotations) != 0 {
		t.Errorf("check run: %+v", r)
	}
	if cs := e.comments(); len(cs) != 0 {
		t.Errorf("a clean first run commented: %+v", cs)
	}
	if got := e.outputs(); got != "verdict=pass\nfailures=0\nwarnings=0\nblocking=0\n" {
		t.Errorf("step outputs %q", got)
	}
}

func TestGateNothingToCheck(t *testing.T) {
	e := newGate(t, nil, map[string]string{"README.md": "# docs\n"}, fakegithub.Options{})
	e.want(e.run(), ExitPass)
	r := e.checkRun()
	if r.Conclusion != "success" || r.Title != "Passed: nothing to check" || !strings.Contains(r.Summary, "nothing to check") {
		t.Errorf("check run: %+v", r)
	}
}

func TestGateManyFindingsBatched(t *testing.T) {
	var specs []string
	for i := range 120 {
		specs = append(specs, fmt.Sprintf("b%03d:public", i))
	}
	e := newGate(t, nil, map[string]string{"infra/buckets.yaml": buckets(specs...)}, fakegithub.Options{})
	e.want(e.run(), ExitBlocking)
	r := e.checkRun()
	if len(r.Annotations) != 120 {
		t.Fatalf("%d annotations, want 120", len(r.Annotations))
	}
	var withAnnotations int
	for _, req := range e.srv.RequestsTo(fakegithub.RouteUpdateCheckRun) {
		if bytes.Contains(req.Body, []byte(`"annotations"`)) {
			withAnnotations++
		}
	}
	if withAnnotations != 3 {
		t.Errorf("%d requests carried annotations, want 3 (50 + 50 + 20)", withAnnotations)
	}

	// A cap: stated in the summary.
	e2 := newGate(t, nil, map[string]string{"infra/buckets.yaml": buckets(specs...)}, fakegithub.Options{})
	e2.want(e2.run("--max-annotations", "30"), ExitBlocking)
	r2 := e2.checkRun()
	if len(r2.Annotations) != 30 || !strings.Contains(r2.Summary, "90 more annotations are not shown (the cap is 30)") {
		t.Errorf("capped: %d annotations, summary:\n%s", len(r2.Annotations), r2.Summary)
	}
}

func TestGateRetries502(t *testing.T) {
	e := newGate(t, nil, map[string]string{"infra/buckets.yaml": buckets("logs:public")}, fakegithub.Options{})
	e.srv.Fail(fakegithub.RouteCreateCheckRun, fakegithub.StatusFault(502))
	e.srv.Fail(fakegithub.RouteUpdateCheckRun, fakegithub.StatusFault(502))
	e.want(e.run(), ExitBlocking)
	r := e.checkRun()
	if r.Conclusion != "failure" || len(r.Annotations) != 1 {
		t.Errorf("check run: %+v", r)
	}
	if len(e.comments()) != 1 {
		t.Errorf("comments: %+v", e.comments())
	}
}

func TestGateForbiddenFallsBack(t *testing.T) {
	e := newGate(t, nil, map[string]string{"infra/buckets.yaml": buckets("logs:public")}, fakegithub.Options{})
	e.srv.Fail(fakegithub.RouteCreateCheckRun, fakegithub.Fault{Kind: fakegithub.FaultStatus, Status: 403, Times: 10})
	e.want(e.run(), ExitBlocking) // the verdict, not 2
	if runs := e.srv.CheckRuns(gateRepo); len(runs) != 0 {
		t.Errorf("check runs: %+v", runs)
	}
	out := e.stdout.String()
	if !strings.Contains(out, "::error file=infra/buckets.yaml,line=2,") {
		t.Errorf("no workflow-command annotation:\n%s", out)
	}
	if !strings.Contains(e.stderr.String(), "falling back to workflow annotations") {
		t.Errorf("the log does not say it fell back:\n%s", e.stderr.String())
	}
	if !strings.Contains(e.summary(), "bucket logs is public") {
		t.Errorf("job summary:\n%s", e.summary())
	}
	if len(e.comments()) != 1 {
		t.Errorf("the comment (allowed) was not written: %+v", e.comments())
	}

	// A fork: nothing can be written; still the verdict.
	f := newGate(t, nil, map[string]string{"infra/buckets.yaml": buckets("logs:public")}, fakegithub.Options{})
	f.srv.SetReadOnly(gateRepo, true)
	f.want(f.run(), ExitBlocking)
	if !strings.Contains(f.stdout.String(), "::error file=infra/buckets.yaml,line=2,") || len(f.comments()) != 0 {
		t.Errorf("fork: stdout:\n%s\ncomments: %+v", f.stdout.String(), f.comments())
	}
}

func TestGateRerunUpdatesComment(t *testing.T) {
	e := newGate(t, nil, map[string]string{"infra/buckets.yaml": buckets("logs:public")}, fakegithub.Options{})
	e.srv.AddComment(gateRepo, gatePR, "alice", "looks good")
	e.want(e.run(), ExitBlocking)
	e.want(e.run(), ExitBlocking)
	if n := len(e.srv.CheckRuns(gateRepo)); n != 1 {
		t.Errorf("%d check runs after a re-run on the same commit, want 1", n)
	}
	if cs := e.comments(); len(cs) != 2 {
		t.Fatalf("comments: %+v", cs)
	}

	// The author fixes the bucket: a new head; the comment says all clear.
	e.write(map[string]string{"infra/buckets.yaml": buckets("logs")})
	e.head = e.commit("fix")
	e.srv.AddPullRequest(gateRepo, fakegithub.PullRequest{Number: gatePR, Author: "dev", BaseRef: "main", BaseSHA: e.base, HeadRef: "feature", HeadSHA: e.head, Files: e.prFiles()})
	e.event("pull_request", e.prPayload("synchronize"))
	e.want(e.run(), ExitPass)
	cs := e.comments()
	if len(cs) != 2 || !strings.Contains(cs[1].Body, "All clear") || strings.Contains(cs[1].Body, "is public") {
		t.Errorf("comments after the fix: %+v", cs)
	}
	runs := e.srv.CheckRuns(gateRepo)
	if len(runs) != 2 || runs[1].HeadSHA != e.head || runs[1].Conclusion != "success" {
		t.Errorf("check runs: %+v", runs)
	}
}

// A finding whose _loc names a file the pull request does not touch
// belongs to the file it was evaluated on (a finding is always in a file
// of its input), so it is annotated there and blocks.
func TestGateFindingOutsidePR(t *testing.T) {
	policy := `package main

deny contains {"msg": "shared config is stale", "_loc": {"file": "infra/shared.yaml", "line": 1}} if input.name == "logs"
`
	e := newGate(t, map[string]string{"policy/main.rego": policy, "infra/shared.yaml": "name: shared\n"},
		map[string]string{"infra/buckets.yaml": buckets("logs")}, fakegithub.Options{})
	e.want(e.run(), ExitBlocking)
	r := e.checkRun()
	if got, want := annotationsOf(r), []wantAnn{{"infra/buckets.yaml", 1, "failure"}}; !slices.Equal(got, want) {
		t.Errorf("annotations %v, want %v", got, want)
	}
	if !strings.Contains(r.Text, "shared config is stale") {
		t.Errorf("the finding is not in the report:\n%s", r.Text)
	}
}

func TestGateReviewEvent(t *testing.T) {
	e := newGate(t, nil, map[string]string{"infra/buckets.yaml": buckets("logs:public")}, fakegithub.Options{})
	p := e.prPayload("submitted")
	p["review"] = map[string]any{"state": "approved", "user": map[string]any{"login": "alice"}, "commit_id": e.head}
	e.event("pull_request_review", p)
	e.want(e.run(), ExitBlocking)
	if r := e.checkRun(); r.HeadSHA != e.head || r.Conclusion != "failure" {
		t.Errorf("check run: %+v", r)
	}
}

func TestGateMergeGroup(t *testing.T) {
	e := newGate(t, nil, map[string]string{"infra/buckets.yaml": buckets("logs:public")}, fakegithub.Options{})
	// The merge queue's commit: main with the pull request merged.
	e.git("checkout", "-q", "-b", "gh-readonly-queue/main/pr-7-"+e.head[:12], "main")
	e.git("merge", "-q", "--no-ff", "-m", "queue", "feature")
	mg := e.git("rev-parse", "HEAD")
	e.event("merge_group", map[string]any{
		"action":     "checks_requested",
		"repository": map[string]any{"full_name": gateRepo},
		"merge_group": map[string]any{"head_sha": mg, "base_sha": e.base, "base_ref": "refs/heads/main",
			"head_ref": "refs/heads/gh-readonly-queue/main/pr-7-" + e.head[:12]},
	})
	e.want(e.run(), ExitBlocking)
	r := e.checkRun()
	if r.HeadSHA != mg || r.Conclusion != "failure" || len(r.Annotations) != 1 {
		t.Errorf("check run on the merge group commit: %+v", r)
	}
	if cs := e.comments(); len(cs) != 0 {
		t.Errorf("the merge queue's run commented on the pull request: %+v", cs)
	}
}

func TestGateUnsupportedEvent(t *testing.T) {
	e := newGate(t, nil, map[string]string{"README.md": "x\n"}, fakegithub.Options{})
	e.event("push", map[string]any{"repository": map[string]any{"full_name": gateRepo}})
	e.want(e.run(), ExitUnknown)
	for _, ev := range github.SupportedEvents() {
		if !strings.Contains(e.stderr.String(), ev) {
			t.Errorf("the message does not name %s:\n%s", ev, e.stderr.String())
		}
	}
	if n := len(e.srv.Requests()); n != 0 {
		t.Errorf("%d API requests for an unsupported event", n)
	}
}

func TestGateRepoAndPRFlags(t *testing.T) {
	e := newGate(t, nil, map[string]string{"infra/buckets.yaml": buckets("logs:public")}, fakegithub.Options{})
	delete(e.vars, "GITHUB_EVENT_NAME")
	delete(e.vars, "GITHUB_EVENT_PATH")
	delete(e.vars, "GITHUB_API_URL")
	e.want(e.run("--repo", gateRepo, "--pr", "7", "--api-url", e.srv.URL), ExitBlocking)
	if r := e.checkRun(); r.Conclusion != "failure" {
		t.Errorf("check run: %+v", r)
	}
	e.want(e.run("--repo", gateRepo), ExitUnknown)
	if !strings.Contains(e.stderr.String(), "--repo owner/name and --pr N go together") {
		t.Errorf("stderr: %s", e.stderr.String())
	}
}

// A pull request that weakens the policy is still judged by the base's.
func TestGatePolicyFromBase(t *testing.T) {
	e := newGate(t, nil, map[string]string{
		"infra/buckets.yaml": buckets("logs:public"),
		"policy/main.rego":   "package main\n",
	}, fakegithub.Options{})
	e.want(e.run(), ExitBlocking)
	r := e.checkRun()
	if r.Conclusion != "failure" || !strings.Contains(r.Summary, "changes the policies or configuration that judge it") ||
		!strings.Contains(r.Summary, "policy/main.rego") {
		t.Errorf("check run: %s\n%s", r.Title, r.Summary)
	}
	if !strings.Contains(e.comments()[0].Body, "policy/main.rego") {
		t.Errorf("comment: %s", e.comments()[0].Body)
	}

	// A policy that exists only in the pull request is not loaded.
	n := newGate(t, nil, map[string]string{"infra/buckets.yaml": buckets("logs:public"), "extra/x.rego": "package main\n"}, fakegithub.Options{})
	n.want(n.run("-p", "extra"), ExitUnknown)
	if r := n.checkRun(); r.Conclusion != "failure" || r.Title != "Could not evaluate" || !strings.Contains(r.Summary, "does not exist at the base commit") {
		t.Errorf("check run: %+v", r)
	}
}

// A package of the base's policies that no --namespace selects is named
// in the log by its repository path (not the judge's private copy), and
// -n (the action's namespace input) selects it.
func TestGateUnselectedPackage(t *testing.T) {
	k8s := "package k8s\n\ndeny contains \"from k8s\" if input.public\n"
	e := newGate(t, map[string]string{"policy/k8s.rego": k8s}, map[string]string{
		"infra/buckets.yaml": buckets("logs"),
	}, fakegithub.Options{})
	e.want(e.run(), ExitPass)
	want := "infragate: policy/k8s.rego:3: package k8s is not evaluated (rules deny): --namespace \"main\" does not select it; add -n k8s, or use --all-namespaces\n"
	if !strings.Contains(e.stderr.String(), want) {
		t.Errorf("log does not name the package:\n%s", e.stderr.String())
	}
	n := newGate(t, map[string]string{"policy/k8s.rego": k8s}, map[string]string{
		"infra/buckets.yaml": buckets("logs:public"),
	}, fakegithub.Options{})
	n.want(n.run("-n", "main", "-n", "k8s"), ExitBlocking)
	if strings.Contains(n.stderr.String(), "is not evaluated") || !strings.Contains(n.stdout.String(), "from k8s") {
		t.Errorf("stdout:\n%s\nstderr:\n%s", n.stdout.String(), n.stderr.String())
	}
}

// TestGateConfigNamespaces: the base commit's configuration selects the
// packages to evaluate when -n is not given; the pull request's own
// configuration does not.
func TestGateConfigNamespaces(t *testing.T) {
	k8s := "package k8s\n\ndeny contains \"from k8s\" if input.public\n"
	e := newGate(t, map[string]string{"policy/k8s.rego": k8s, ".infragate.yaml": "namespaces: [main, k8s]\n"}, map[string]string{
		"infra/buckets.yaml": buckets("logs:public"),
	}, fakegithub.Options{})
	e.want(e.run(), ExitBlocking)
	if strings.Contains(e.stderr.String(), "is not evaluated") || !strings.Contains(e.stdout.String(), "from k8s") {
		t.Errorf("the base configuration's namespaces were not used:\nstdout:\n%s\nstderr:\n%s", e.stdout.String(), e.stderr.String())
	}
	// A pull request that narrows the namespaces is still judged by the
	// base commit's.
	n := newGate(t, map[string]string{"policy/k8s.rego": k8s, ".infragate.yaml": "namespaces: [main, k8s]\n"}, map[string]string{
		"infra/buckets.yaml": buckets("logs:public"), ".infragate.yaml": "namespaces: [main]\n",
	}, fakegithub.Options{})
	n.want(n.run(), ExitBlocking)
	if !strings.Contains(n.stdout.String(), "from k8s") {
		t.Errorf("the pull request's configuration chose the namespaces:\n%s", n.stdout.String())
	}
}

func TestGateStatusMode(t *testing.T) {
	e := newGate(t, nil, map[string]string{"infra/buckets.yaml": buckets("logs:public")}, fakegithub.Options{})
	e.want(e.run("--report", "status"), ExitBlocking)
	sts := e.srv.Statuses(gateRepo)
	if len(sts) != 2 || sts[0].State != "pending" || sts[1].State != "failure" || sts[1].Context != "infragate" || sts[1].SHA != e.head {
		t.Errorf("statuses: %+v", sts)
	}
	if len(e.srv.CheckRuns(gateRepo)) != 0 {
		t.Error("a check run in status mode")
	}
	if !strings.Contains(e.stdout.String(), "::error file=infra/buckets.yaml,line=2,") {
		t.Errorf("annotations not written as workflow commands:\n%s", e.stdout.String())
	}
}

// shallowClone clones branch of the scratch repository as actions/checkout
// does by default (fetch-depth: 1: no base commit) and makes the clone the
// workspace.
func (e *gateEnv) shallowClone(branch string) string {
	e.t.Helper()
	dir := filepath.Join(e.tmp, "shallow-"+branch)
	e.git("clone", "-q", "--depth", "1", "--branch", branch, "file://"+e.dir, dir)
	e.vars["GITHUB_WORKSPACE"] = dir
	return dir
}

// In a shallow clone the files API lists the change; a capped list fails
// closed, and so does a workspace that is not a clone: nothing shows that
// its files are the pull request's.
func TestGateFilesAPI(t *testing.T) {
	e := newGate(t, nil, map[string]string{"infra/pod.yaml": "name: x\n"}, fakegithub.Options{})
	clone := e.shallowClone("feature")
	// The working tree has a policy folder, which must come from the base.
	e.want(e.run(), ExitUnknown)
	if r := e.checkRun(); r.Conclusion != "failure" || !strings.Contains(r.Summary, "fetch-depth: 0") {
		t.Errorf("check run: %+v", r)
	}
	if err := os.RemoveAll(filepath.Join(clone, "policy")); err != nil {
		t.Fatal(err)
	}
	e.want(e.run(), ExitPass)
	if !strings.Contains(e.stderr.String(), "using the pull request files API") {
		t.Errorf("stderr: %s", e.stderr.String())
	}
	if len(e.srv.RequestsTo(fakegithub.RouteListFiles)) == 0 {
		t.Error("the files API was not used")
	}

	// A push between the event and the listing: the API lists the newer
	// head's files, which say nothing of this checkout's.
	const newer = "0123456789abcdef0123456789abcdef01234567"
	e.srv.AddPullRequest(gateRepo, fakegithub.PullRequest{Number: gatePR, Author: "dev", BaseRef: "main", BaseSHA: e.base, HeadRef: "feature", HeadSHA: newer, Files: e.prFiles()})
	e.want(e.run(), ExitUnknown)
	if r := e.srv.CheckRuns(gateRepo); r[len(r)-1].Conclusion != "failure" || !strings.Contains(r[len(r)-1].Summary, "head moved from") {
		t.Errorf("moved head: %+v", r[len(r)-1])
	}

	var many []fakegithub.File
	for i := range 3005 {
		many = append(many, fakegithub.File{Filename: fmt.Sprintf("f%04d.tf", i)})
	}
	e.srv.AddPullRequest(gateRepo, fakegithub.PullRequest{Number: gatePR, Author: "dev", BaseRef: "main", BaseSHA: e.base, HeadRef: "feature", HeadSHA: e.head, Files: many})
	e.want(e.run(), ExitUnknown)
	runs := e.srv.CheckRuns(gateRepo)
	last := runs[len(runs)-1]
	if last.Conclusion != "failure" || !strings.Contains(last.Summary, "more files than the GitHub API lists") {
		t.Errorf("capped list: %+v", last)
	}
	if !strings.Contains(e.stderr.String(), "more files than the GitHub API lists") {
		t.Errorf("stderr: %s", e.stderr.String())
	}

	if err := os.RemoveAll(filepath.Join(clone, ".git")); err != nil {
		t.Fatal(err)
	}
	e.want(e.run(), ExitUnknown)
	if !strings.Contains(e.stderr.String(), "there is no git clone") {
		t.Errorf("stderr: %s", e.stderr.String())
	}
}

// TestGateFilesAPINeedsHeadCheckout: under pull_request_target from a fork,
// the default checkout is the base branch and the clone lacks the fork's
// head, so git cannot diff and the files API lists the change; the files
// in the working tree are the base's, which the gate refuses to judge. A
// shallow clone of the head, or of a merge commit with the head as a
// parent, is judged.
func TestGateFilesAPINeedsHeadCheckout(t *testing.T) {
	const acl = "resource \"aws_s3_bucket_acl\" \"a\" {\n  bucket = \"b\"\n  acl    = \"%s\"\n}\n"
	e := newGate(t, map[string]string{"infra/main.tf": fmt.Sprintf(acl, "private")},
		map[string]string{"infra/main.tf": fmt.Sprintf(acl, "public-read")}, fakegithub.Options{})
	e.git("checkout", "-q", "-b", "pr-merge", "main") // refs/pull/N/merge
	e.git("merge", "-q", "--no-ff", "--no-edit", "feature")
	var clones []string
	for _, branch := range []string{"feature", "pr-merge"} {
		clones = append(clones, e.shallowClone(branch))
	}
	e.git("checkout", "-q", "main")
	e.git("branch", "-D", "feature", "pr-merge")
	e.git("reflog", "expire", "--expire=now", "--all")
	e.git("gc", "-q", "--prune=now")
	if err := exec.Command("git", "-C", e.dir, "cat-file", "-e", e.head).Run(); err == nil {
		t.Fatal("the head commit is still in the clone")
	}
	e.vars["GITHUB_WORKSPACE"] = e.dir
	e.event("pull_request_target", e.prPayload("synchronize"))
	e.want(e.run("--builtin"), ExitUnknown)
	if r := e.checkRun(); r.Conclusion != "failure" || !strings.Contains(r.Summary, "does not contain the pull request head") {
		t.Errorf("check run: %+v", r)
	}
	if !strings.Contains(e.stderr.String(), "using the pull request files API") {
		t.Errorf("git diffed although the head is missing; stderr:\n%s", e.stderr.String())
	}

	for _, dir := range clones {
		e.vars["GITHUB_WORKSPACE"] = dir
		if err := os.RemoveAll(filepath.Join(dir, "policy")); err != nil { // no base commit: the built-in library judges
			t.Fatal(err)
		}
		e.want(e.run("--builtin"), ExitBlocking)
	}
}

// TestGateShallowJudgeChanged: without the base commit (fetch-depth: 1) the
// defaults judge only a change that leaves the judge alone. A pull request
// that deletes the base's policy directory, or it and the configuration,
// leaves nothing of them in the working tree; it fails closed, and the log
// never claims the base was read.
func TestGateShallowJudgeChanged(t *testing.T) {
	for _, tc := range []struct {
		name string
		base map[string]string
		head map[string]string
	}{
		{"policy dir", nil, map[string]string{"policy/main.rego": ""}},
		{"policy dir and config", map[string]string{".infragate.yaml": "builtin: false\n"},
			map[string]string{"policy/main.rego": "", ".infragate.yaml": ""}},
		{"waivers", map[string]string{".infragate/waivers.yaml": "waivers: []\n"},
			map[string]string{"policy/main.rego": "", ".infragate/waivers.yaml": ""}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e := newGate(t, tc.base, mergeMaps(tc.head, map[string]string{"infra/buckets.yaml": buckets("logs:public")}), fakegithub.Options{})
			e.shallowClone("feature")
			e.want(e.run(), ExitUnknown)
			if r := e.checkRun(); r.Conclusion != "failure" || !strings.Contains(r.Summary, "must be read from the base commit") {
				t.Errorf("check run: %+v", r)
			}
			if strings.Contains(e.stderr.String(), "were read from the base commit") {
				t.Errorf("the log claims the base commit was read:\n%s", e.stderr.String())
			}
		})
	}
}

// Transient faults are retried within bounds; Retry-After is honoured.
func TestGateTransientFaults(t *testing.T) {
	for _, tc := range []struct {
		name  string
		fault fakegithub.Fault
	}{
		{"timeout", fakegithub.Fault{Kind: fakegithub.FaultTimeout}},
		{"reset", fakegithub.Fault{Kind: fakegithub.FaultReset}},
		{"500", fakegithub.StatusFault(500)},
		{"503", fakegithub.StatusFault(503)},
		{"429 Retry-After", fakegithub.RetryAfterFault(429, 7)},
		{"secondary rate limit", fakegithub.SecondaryRateLimitFault()},
		// Writes that happened although the client saw a failure: no double post.
		{"comment created then timeout", fakegithub.Fault{Kind: fakegithub.FaultTimeout, Apply: true}},
		{"check run created then 502", fakegithub.Fault{Kind: fakegithub.FaultStatus, Status: 502, Apply: true}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e := newGate(t, nil, map[string]string{"infra/buckets.yaml": buckets("logs:public")}, fakegithub.Options{})
			switch tc.name {
			case "comment created then timeout":
				e.srv.Fail(fakegithub.RouteCreateComment, tc.fault)
			case "check run created then 502":
				e.srv.Fail(fakegithub.RouteCreateCheckRun, tc.fault)
			default:
				e.srv.Fail(fakegithub.RouteListCheckRuns, tc.fault)
				e.srv.Fail(fakegithub.RouteListComments, tc.fault)
			}
			e.want(e.run(), ExitBlocking)
			if r := e.checkRun(); r.Conclusion != "failure" || len(r.Annotations) != 1 {
				t.Errorf("check run: %+v", r)
			}
			if len(e.comments()) != 1 {
				t.Errorf("comments: %+v", e.comments())
			}
			if tc.name == "429 Retry-After" && e.clock.Slept() < 7*time.Second {
				t.Errorf("waited %v, want at least the 7s of Retry-After", e.clock.Slept())
			}
		})
	}
}

// An unrecoverable failure never reports success and exits 2 saying what failed.
func TestGateUnrecoverable(t *testing.T) {
	e := newGate(t, nil, map[string]string{"infra/buckets.yaml": buckets("logs")}, fakegithub.Options{EchoToken: true})
	e.srv.Fail(fakegithub.RouteUpdateCheckRun, fakegithub.Fault{Kind: fakegithub.FaultStatus, Status: 500, Times: 100})
	e.want(e.run(), ExitUnknown)
	for _, r := range e.srv.CheckRuns(gateRepo) {
		if r.Conclusion == "success" {
			t.Errorf("success reported after an unrecoverable failure: %+v", r)
		}
	}
	if !strings.Contains(e.stderr.String(), "publishing the result failed") || !strings.Contains(e.stderr.String(), "HTTP 500") {
		t.Errorf("stderr does not say what failed:\n%s", e.stderr.String())
	}
	if !strings.HasPrefix(e.outputs(), "verdict=error\n") {
		t.Errorf("step outputs %q, want verdict=error", e.outputs())
	}
	if e.clock.Slept() > 10*time.Minute {
		t.Errorf("retries took %v of (fake) time: not bounded", e.clock.Slept())
	}

	// The pull request cannot be read at all: exit 2, nothing published.
	m := newGate(t, nil, map[string]string{"infra/buckets.yaml": buckets("logs")}, fakegithub.Options{EchoToken: true})
	delete(m.vars, "GITHUB_EVENT_NAME")
	m.srv.Fail(fakegithub.RouteGetPull, fakegithub.Fault{Kind: fakegithub.FaultMalformedJSON, Times: 10})
	m.want(m.run("--repo", gateRepo, "--pr", "7"), ExitUnknown)
	if !strings.Contains(m.stderr.String(), "could not read the pull request") {
		t.Errorf("stderr:\n%s", m.stderr.String())
	}
}

// The token never appears, even when GitHub's error echoes it.
func TestGateTokenNeverShown(t *testing.T) {
	e := newGate(t, nil, map[string]string{"infra/buckets.yaml": buckets("logs:public")}, fakegithub.Options{EchoToken: true})
	e.srv.Fail(fakegithub.RouteCreateComment, fakegithub.Fault{Kind: fakegithub.FaultStatus, Status: 422, Times: 10})
	e.want(e.run(), ExitUnknown) // run() itself fails the test on a leak
	if !strings.Contains(e.stderr.String(), "credentials: Bearer ") {
		t.Errorf("the echoed credentials are not in the error (so the redaction is not exercised):\n%s", e.stderr.String())
	}
}

// Strings from the pull request cannot break out where they land.
func TestGateHostileStrings(t *testing.T) {
	hostile := "x`</details>` @everyone %0A::error::forged\n/approve <!-- y"
	name, _ := json.Marshal(hostile)
	file := "infra/x`<details>`@everyone %0A::error::y,z:w.yaml"
	e := newGate(t, nil, map[string]string{file: "name: " + string(name) + "\npublic: true\n"}, fakegithub.Options{})
	e.srv.SetReadOnly(gateRepo, false)
	e.srv.Fail(fakegithub.RouteCreateCheckRun, fakegithub.Fault{Kind: fakegithub.FaultStatus, Status: 403, Times: 10})
	e.want(e.run(), ExitBlocking)
	body := e.comments()[0].Body
	for _, bad := range []string{"</details>", "@everyone", "\n/approve", "<!-- y"} {
		if strings.Contains(body, bad) {
			t.Errorf("comment contains %q raw:\n%s", bad, body)
		}
	}
	if strings.Contains(body, "<details>`@everyone") {
		t.Errorf("the file name is not escaped in the comment:\n%s", body)
	}
	var commands int
	for _, l := range strings.Split(e.stdout.String(), "\n") {
		if strings.HasPrefix(l, "::error::forged") || strings.HasPrefix(l, "/approve") {
			t.Errorf("forged line in the log: %q", l)
		}
		if strings.HasPrefix(l, "::error ") {
			commands++
			if !strings.Contains(l, "file=infra/x`<details>`@everyone %250A%3A%3Aerror%3A%3Ay%2Cz%3Aw.yaml,line=2,") {
				t.Errorf("file property not escaped: %q", l)
			}
		}
	}
	if commands != 1 {
		t.Errorf("%d error commands, want 1:\n%s", commands, e.stdout.String())
	}
	if strings.Contains(e.summary(), "</details>` @everyone") {
		t.Errorf("job summary not escaped:\n%s", e.summary())
	}
}

// decisionPolicy has one hard-mandatory rule (public buckets) and one the
// configuration makes soft-mandatory (buckets without logging).
const decisionPolicy = `package main

# METADATA
# title: Public bucket
# custom:
#   id: IG-PUBLIC
deny_public contains msg if {
	input.public == true
	msg := sprintf("bucket %s is public", [input.name])
}

# METADATA
# title: Bucket without logging
# custom:
#   id: IG-LOGGING
deny_logging contains msg if {
	input.logging == false
	msg := sprintf("bucket %s has no access logging", [input.name])
}
`

const decisionConfig = `policies: [policy/]
builtin: false
enforcement:
  default: hard-mandatory
  rules: {IG-LOGGING: soft-mandatory}
approvals:
  approvers: [alice, dev, "@acme/platform"]
  required: 1
  paths:
    - {match: "envs/prod/**", approvers: ["@acme/sre"], required: 2}
  policy_owners: ["@acme/security"]
waivers:
  file: .infragate/waivers.yaml
  inline: true
`

const decisionWaivers = `waivers:
  - {id: IG-PUBLIC, path: "waived/**", reason: "public website", expires: 2099-12-31, owner: alice}
  - {id: IG-PUBLIC, path: "expired/**", reason: "temporary exception", expires: 2020-01-01, owner: bob}
`

// TestGateDecisionScenarios is issue 6's scenario table, end to end: the
// configuration, policies and waivers on the base commit, the change and
// the reviews on the pull request, and the published check and comment.
func TestGateDecisionScenarios(t *testing.T) {
	const (
		public  = "name: a\npublic: true\n"
		nolog   = "name: a\nlogging: false\n"
		clean   = "name: a\n"
		headRev = "HEAD"
		oldRev  = "BASE"
	)
	type review struct{ user, state, commit string }
	for _, tc := range []struct {
		name     string
		base     map[string]string // on top of the policy, config and waivers
		head     map[string]string
		reviews  []review
		teams    map[string][]string // org/team -> members
		hidden   []string            // org/team whose members cannot be read
		code     int
		title    string   // exact, or a prefix ending in "…"
		comment  []string // substrings of the comment ("" : no comment expected)
		notInCom []string
	}{
		{name: "clean", head: map[string]string{"infra/a.yaml": clean},
			code: ExitPass, title: "Passed: nothing blocks"},
		{name: "hard-mandatory finding with an approval fails", head: map[string]string{"infra/a.yaml": public},
			reviews: []review{{"alice", "APPROVED", headRev}},
			code:    ExitBlocking, title: "Failed: 1 hard-mandatory finding (an approval cannot override)",
			comment: []string{"Hard-mandatory findings block whatever the approvals", "bucket a is public"}},
		{name: "soft-mandatory approved on the head passes", head: map[string]string{"infra/a.yaml": nolog},
			reviews: []review{{"alice", "APPROVED", headRev}},
			code:    ExitPass, title: "Passed: 1 soft-mandatory finding approved",
			comment: []string{"soft-mandatory, approved by alice", "✅ approved"}},
		{name: "approved on an older commit needs approval", head: map[string]string{"infra/a.yaml": nolog},
			reviews: []review{{"alice", "APPROVED", oldRev}},
			code:    ExitBlocking, title: "Needs approval: 1 soft-mandatory finding needs 1 approval from alice, dev or @acme/platform",
			comment: []string{"approved an earlier commit", "Approve the pull request on its latest commit: the approval re-runs the gate", "`alice`, `dev`, `@acme/platform`"}},
		{name: "approved by the author needs approval", head: map[string]string{"infra/a.yaml": nolog},
			reviews: []review{{"dev", "APPROVED", headRev}},
			code:    ExitBlocking, title: "Needs approval: …",
			comment: []string{"the author's own approval does not count"}},
		{name: "approved then changes requested needs approval", head: map[string]string{"infra/a.yaml": nolog},
			reviews: []review{{"alice", "APPROVED", headRev}, {"alice", "CHANGES_REQUESTED", headRev}},
			code:    ExitBlocking, title: "Needs approval: …",
			comment: []string{"requested changes after approving"}},
		{name: "team approver verified", head: map[string]string{"infra/a.yaml": nolog},
			reviews: []review{{"bob", "APPROVED", headRev}}, teams: map[string][]string{"acme/platform": {"bob"}},
			code: ExitPass, title: "Passed: 1 soft-mandatory finding approved",
			comment: []string{"approved by bob"}},
		{name: "team approver not verifiable", head: map[string]string{"infra/a.yaml": nolog},
			reviews: []review{{"bob", "APPROVED", headRev}}, hidden: []string{"acme/platform"},
			code: ExitBlocking, title: "Needs approval: …",
			comment: []string{"bob: ", "⏳ waiting"}, notInCom: []string{"approved by bob"}},
		{name: "prod path without approvals", head: map[string]string{"envs/prod/a.yaml": clean},
			code: ExitBlocking, title: "Needs approval: changes to envs/prod/\\*\\* needs 2 approvals from @acme/sre…",
			comment: []string{"`envs/prod/a.yaml`", "`@acme/sre`", "0 of 2"}},
		{name: "prod path with two approvals", head: map[string]string{"envs/prod/a.yaml": clean},
			reviews: []review{{"carol", "APPROVED", headRev}, {"dave", "APPROVED", headRev}},
			teams:   map[string][]string{"acme/sre": {"carol", "dave"}},
			code:    ExitPass, title: "Passed: changes to envs/prod/** approved",
			comment: []string{"2 of 2: carol, dave"}},
		{name: "a pull request deleting the rule that blocks it", head: map[string]string{
			"infra/a.yaml": public, "policy/main.rego": "package main\n"},
			code: ExitBlocking, title: "Failed: 1 hard-mandatory finding (an approval cannot override)",
			comment: []string{"bucket a is public", "changes to the policies or gate configuration", "`@acme/security`", "`policy/main.rego`"}},
		{name: "expired waiver blocks", head: map[string]string{"expired/a.yaml": public},
			code: ExitBlocking, title: "Failed: 1 hard-mandatory finding (an approval cannot override)",
			comment: []string{"expired waiver", "temporary exception"}},
		{name: "valid waiver passes and is listed", head: map[string]string{"waived/a.yaml": public},
			code: ExitPass, title: "Passed: 1 finding waived",
			comment: []string{"public website"}},
		{name: "inline waiver honoured for a soft-mandatory finding", head: map[string]string{"infra/a.yaml": "name: a\n# infragate:ignore IG-LOGGING logs go to the CDN\nlogging: false\n"},
			code: ExitPass, title: "Passed: 1 finding waived",
			comment: []string{"logs go to the CDN"}},
		{name: "inline waiver not honoured for a hard-mandatory finding", head: map[string]string{"infra/a.yaml": "name: a\n# infragate:ignore IG-PUBLIC served by the CDN\npublic: true\n"},
			reviews: []review{{"alice", "APPROVED", headRev}},
			code:    ExitBlocking, title: "Failed: 1 hard-mandatory finding (an approval cannot override)",
			comment: []string{"not honoured: hard-mandatory findings are waived only in the waivers file"}, notInCom: []string{"served by the CDN"}},
		{name: "inline waivers disabled", base: map[string]string{".infragate.yaml": strings.Replace(decisionConfig, "inline: true", "inline: false", 1)},
			head: map[string]string{"infra/a.yaml": "name: a\n# infragate:ignore IG-PUBLIC served by the CDN\npublic: true\n"},
			code: ExitBlocking, title: "Failed: 1 hard-mandatory finding (an approval cannot override)",
			comment: []string{"waivers.inline is false"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			base := mergeMaps(map[string]string{
				"policy/main.rego": decisionPolicy, ".infragate.yaml": decisionConfig, ".infragate/waivers.yaml": decisionWaivers,
			}, tc.base)
			e := newGate(t, base, tc.head, fakegithub.Options{})
			var rs []fakegithub.Review
			for i, rv := range tc.reviews {
				commit := e.head
				if rv.commit == oldRev {
					commit = e.base
				}
				rs = append(rs, fakegithub.Review{User: rv.user, State: rv.state, CommitID: commit,
					SubmittedAt: time.Date(2026, 3, 1, 10, i, 0, 0, time.UTC)})
			}
			e.srv.AddPullRequest(gateRepo, fakegithub.PullRequest{Number: gatePR, Title: "Change infra", Author: "dev",
				BaseRef: "main", BaseSHA: e.base, HeadRef: "feature", HeadSHA: e.head, Files: e.prFiles(), Reviews: rs})
			for team, members := range tc.teams {
				org, slug, _ := strings.Cut(team, "/")
				e.srv.SetTeam(org, slug, members...)
			}
			for _, team := range tc.hidden {
				org, slug, _ := strings.Cut(team, "/")
				e.srv.HideTeam(org, slug)
			}
			e.want(e.run(), tc.code)
			r := e.checkRun()
			wantConclusion := map[int]string{ExitPass: "success", ExitBlocking: "failure"}[tc.code]
			if r.Conclusion != wantConclusion {
				t.Errorf("conclusion %q, want %q", r.Conclusion, wantConclusion)
			}
			if prefix, ok := strings.CutSuffix(tc.title, "…"); ok {
				if !strings.HasPrefix(r.Title, strings.ReplaceAll(prefix, `\*`, "*")) {
					t.Errorf("title %q, want %q…", r.Title, prefix)
				}
			} else if r.Title != tc.title {
				t.Errorf("title %q, want %q", r.Title, tc.title)
			}
			cs := e.comments()
			if len(tc.comment) == 0 {
				if len(cs) != 0 {
					t.Errorf("unexpected comment:\n%s", cs[0].Body)
				}
				return
			}
			if len(cs) != 1 {
				t.Fatalf("%d comments, want 1", len(cs))
			}
			for _, s := range tc.comment {
				if !strings.Contains(cs[0].Body, s) {
					t.Errorf("the comment lacks %q:\n%s", s, cs[0].Body)
				}
			}
			for _, s := range tc.notInCom {
				if strings.Contains(cs[0].Body, s) {
					t.Errorf("the comment has %q:\n%s", s, cs[0].Body)
				}
			}
			if want := "verdict=" + map[int]string{ExitPass: "pass", ExitBlocking: "fail"}[tc.code]; tc.code == ExitBlocking && strings.HasPrefix(r.Title, "Needs approval") {
				if !strings.HasPrefix(e.outputs(), "verdict=needs-approval\n") {
					t.Errorf("step outputs %q", e.outputs())
				}
			} else if !strings.HasPrefix(e.outputs(), want+"\n") {
				t.Errorf("step outputs %q, want %s", e.outputs(), want)
			}
		})
	}
}

// Under pull_request_target the default checkout is the base branch: its
// files are not the pull request's, so the gate refuses to judge them.
func TestGatePullRequestTargetNeedsHeadCheckout(t *testing.T) {
	e := newGate(t, nil, map[string]string{"infra/buckets.yaml": buckets("logs:public")}, fakegithub.Options{})
	e.git("checkout", "-q", "main")
	e.event("pull_request_target", e.prPayload("synchronize"))
	e.want(e.run(), ExitUnknown)
	if r := e.checkRun(); r.Conclusion != "failure" || !strings.Contains(r.Summary, "does not contain the pull request head") {
		t.Errorf("check run: %+v", r)
	}
	e.git("checkout", "-q", e.head)
	e.want(e.run(), ExitBlocking)
}

// TestGateScopeLinesMergeCheckout: under pull_request the checkout is the
// merge commit (refs/pull/N/merge), whose files hold what the base gained
// since the pull request branched. --scope lines takes the changed lines in
// its numbering: lines the base added above the change move the finding
// down, and it still blocks. A checkout that is neither the head nor a
// merge of it leaves the lines unknown: files scope, and the log says so.
func TestGateScopeLinesMergeCheckout(t *testing.T) {
	e := newGate(t, map[string]string{"infra/buckets.yaml": buckets("a:public", "b", "c", "d")},
		map[string]string{"infra/buckets.yaml": buckets("a:public", "b", "c", "d:public")}, fakegithub.Options{})
	e.git("checkout", "-q", "main")
	e.write(map[string]string{"infra/buckets.yaml": strings.Repeat("# the base moves on\n", 10) + buckets("a:public", "b", "c", "d")})
	base := e.commit("base moves")
	e.git("checkout", "-q", "--detach", base)
	e.git("merge", "-q", "--no-edit", e.head)
	p := e.prPayload("synchronize")
	p["pull_request"].(map[string]any)["base"].(map[string]any)["sha"] = base
	e.event("pull_request", p)
	e.srv.AddPullRequest(gateRepo, fakegithub.PullRequest{Number: gatePR, Title: "Change infra", Author: "dev", BaseRef: "main", BaseSHA: base,
		HeadRef: "feature", HeadSHA: e.head, Files: e.prFiles()})
	e.want(e.run("--scope", "lines"), ExitBlocking)
	r := e.checkRun()
	// d is public on line 19 of the merge commit (9 of the head); a, public
	// in the base too, does not block.
	if got, want := annotationsOf(r), []wantAnn{{"infra/buckets.yaml", 19, "failure"}, {"infra/buckets.yaml", 12, "notice"}}; !slices.Equal(got, want) {
		t.Errorf("annotations %v, want %v\n%s", got, want, e.stderr.String())
	}

	// A commit on top of the head: the lines are unknown.
	e.git("checkout", "-q", "--detach", e.head)
	e.write(map[string]string{"README": "later\n"})
	e.commit("later")
	e.want(e.run("--scope", "lines"), ExitBlocking)
	runs := e.srv.CheckRuns(gateRepo)
	if r := runs[len(runs)-1]; !strings.Contains(r.Summary, "findings anywhere in a changed file block") ||
		!strings.Contains(e.stderr.String(), "is not the pull request head") {
		t.Errorf("the fallback to files scope is not said:\n%s\n%s", r.Summary, e.stderr.String())
	}
}

// Reviews come from every page of the list.
func TestGateReviewsPaginate(t *testing.T) {
	base := map[string]string{"policy/main.rego": decisionPolicy, ".infragate.yaml": decisionConfig, ".infragate/waivers.yaml": decisionWaivers}
	e := newGate(t, base, map[string]string{"infra/a.yaml": "name: a\nlogging: false\n"}, fakegithub.Options{})
	var rs []fakegithub.Review
	for i := range 150 {
		rs = append(rs, fakegithub.Review{User: fmt.Sprintf("user%d", i), State: "COMMENTED", CommitID: e.head})
	}
	rs = append(rs, fakegithub.Review{User: "alice", State: "APPROVED", CommitID: e.head})
	e.srv.AddPullRequest(gateRepo, fakegithub.PullRequest{Number: gatePR, Author: "dev", BaseRef: "main", BaseSHA: e.base,
		HeadRef: "feature", HeadSHA: e.head, Files: e.prFiles(), Reviews: rs})
	e.want(e.run(), ExitPass)
	if n := len(e.srv.RequestsTo(fakegithub.RouteListReviews)); n != 2 {
		t.Errorf("%d review list requests, want 2 pages", n)
	}
	if r := e.checkRun(); r.Title != "Passed: 1 soft-mandatory finding approved" {
		t.Errorf("title %q", r.Title)
	}

	// A review list that cannot be read: could not evaluate.
	e.srv.Fail(fakegithub.RouteListReviews, fakegithub.Fault{Kind: fakegithub.FaultStatus, Status: 500, Times: 100})
	e.want(e.run(), ExitUnknown)
	runs := e.srv.CheckRuns(gateRepo)
	for _, r := range runs {
		if r.Conclusion != "failure" {
			t.Errorf("a check run on the head still passes: %+v", r)
		}
	}
	if r := runs[len(runs)-1]; r.Title != "Could not evaluate" || !strings.Contains(r.Summary, "listing reviews") {
		t.Errorf("check run: %+v", r)
	}
}

// A token-shaped secret committed in a file under review stays out of the log.
func TestGateSecretInFileRedacted(t *testing.T) {
	secret := "ghp_" + strings.Repeat("A1b2", 9)
	e := newGate(t, nil, map[string]string{"infra/buckets.yaml": "name: " + secret + "\npublic: true\n"}, fakegithub.Options{})
	e.want(e.run(), ExitBlocking)
	if strings.Contains(e.stdout.String(), secret) || !strings.Contains(e.stdout.String(), "is public") {
		t.Errorf("log:\n%s", e.stdout.String())
	}
}

// TestGateMRContextForPolicies: deny rules see data.infragate.mr (the pull
// request) and data.infragate.changes, so a policy can ask who opened it
// and what it touched.
func TestGateMRContextForPolicies(t *testing.T) {
	policy := `package main

deny contains msg if {
	input.name == "logs"
	some f in data.infragate.changes.files
	f.path == "infra/buckets.yaml"
	msg := sprintf("PR #%d touches %s (%d changed files)", [data.infragate.mr.number, f.path, count(data.infragate.mr.changed_files)])
}
`
	e := newGate(t, map[string]string{"policy/main.rego": policy}, map[string]string{
		"infra/buckets.yaml": buckets("logs"),
	}, fakegithub.Options{})
	e.want(e.run(), ExitBlocking)
	if r := e.checkRun(); !strings.Contains(r.Text, fmt.Sprintf(`PR \#%d touches infra/buckets.yaml (1 changed files)`, gatePR)) {
		t.Errorf("text:\n%s", r.Text)
	}
}

// The gate compiles only the built-in rules of the changed files' formats;
// the SARIF rule catalogue lists the rules it evaluated.
func TestGateCompilesTheChangedFormats(t *testing.T) {
	e := newGate(t, nil, map[string]string{
		"infra/main.tf": "resource \"aws_s3_bucket_acl\" \"logs\" {\n  bucket = \"logs\"\n  acl    = \"public-read\"\n}\n",
	}, fakegithub.Options{})
	out := filepath.Join(e.tmp, "out.sarif")
	e.want(e.run("--builtin", "-o", "sarif="+out), ExitBlocking)
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	s := string(b)
	if !strings.Contains(s, `"id": "IG-AWS-S3-001"`) || strings.Contains(s, `"id": "IG-K8S-`) {
		t.Errorf("the catalogue of a change to one .tf file has Kubernetes rules, or lacks the S3 one:\n%.2000s", s)
	}
	if !strings.Contains(e.checkRun().Text, "infra/main.tf:3") {
		t.Errorf("check run text:\n%s", e.checkRun().Text)
	}
}

// TestGateTerraformEval checks that the gate honours terraform.eval and
// terraform.var_files of the base configuration as check does: a value
// that reaches a resource through a variable is judged.
func TestGateTerraformEval(t *testing.T) {
	const acl = "variable \"acl\" {\n  default = \"public-read\"\n}\n\nresource \"aws_s3_bucket_acl\" \"a\" {\n  bucket = \"b\"\n  acl    = var.acl\n}\n"
	const noDefault = "variable \"acl\" {}\n\nresource \"aws_s3_bucket_acl\" \"a\" {\n  bucket = \"b\"\n  acl    = var.acl\n}\n"
	const main = "resource \"aws_s3_bucket_acl\" \"a\" {\n  bucket = \"b\"\n  acl    = var.acl\n}\n"
	module := map[string]string{"infra/main.tf": main, "infra/variables.tf": "variable \"acl\" {\n  default = \"private\"\n}\n"}
	for _, tc := range []struct {
		name   string
		config string
		base   map[string]string
		head   map[string]string
		code   int
	}{
		// A change to what a module file reads changes what it deploys:
		// main.tf is evaluated though the pull request leaves it alone.
		{name: "a variable's default", config: "builtin: true\nterraform: {eval: true}\n", base: module,
			head: map[string]string{"infra/variables.tf": "variable \"acl\" {\n  default = \"public-read\"\n}\n"}, code: ExitBlocking},
		{name: "a tfvars file", config: "builtin: true\nterraform: {eval: true}\n", base: module,
			head: map[string]string{"infra/terraform.tfvars": "acl = \"public-read\"\n"}, code: ExitBlocking},
		// A var file is read by every module: its change evaluates them all.
		{name: "a var file", config: "builtin: true\nterraform: {eval: true, var_files: [vars/prod.tfvars]}\n",
			base: map[string]string{"infra/main.tf": noDefault, "vars/prod.tfvars": "acl = \"private\"\n"},
			head: map[string]string{"vars/prod.tfvars": "acl = \"public-read\"\n"}, code: ExitBlocking},
		{name: "a tfvars file, eval off", config: "builtin: true\n", base: module,
			head: map[string]string{"infra/terraform.tfvars": "acl = \"public-read\"\n"}, code: ExitPass},
		{name: "eval on", config: "builtin: true\nterraform: {eval: true}\n",
			head: map[string]string{"infra/main.tf": acl}, code: ExitBlocking},
		{name: "eval off", config: "builtin: true\n",
			head: map[string]string{"infra/main.tf": acl}, code: ExitPass},
		{name: "var files", config: "builtin: true\nterraform: {eval: true, var_files: [vars/prod.tfvars]}\n",
			head: map[string]string{"infra/main.tf": noDefault, "vars/prod.tfvars": "acl = \"public-read\"\n"}, code: ExitBlocking},
		{name: "missing var file", config: "builtin: true\nterraform: {eval: true, var_files: [vars/prod.tfvars]}\n",
			head: map[string]string{"infra/main.tf": noDefault}, code: ExitUnknown},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e := newGate(t, mergeMaps(tc.base, map[string]string{".infragate.yaml": tc.config}), tc.head, fakegithub.Options{})
			e.want(e.run(), tc.code)
			r := e.checkRun()
			public := strings.Contains(r.Text, `canned ACL "public-read"`)
			if public != (tc.code == ExitBlocking) {
				t.Errorf("finding reported: %v, want %v\n%s\n%s", public, tc.code == ExitBlocking, r.Title, r.Text)
			}
		})
	}
}

// TestGateScopeLinesModuleInputs: with terraform.eval and --scope lines, a
// change to a local, a variable's default or a tfvars file changes what
// lines it does not touch deploy (acl = local.acl), in the changed file as
// in the module's others: every line of the module's files counts as
// touched. A change that leaves the module's inputs alone is judged on its
// lines.
func TestGateScopeLinesModuleInputs(t *testing.T) {
	const (
		local    = "locals {\n  acl = %q\n}\n\nresource \"aws_s3_bucket_acl\" \"a\" {\n  bucket = \"b\"\n  acl    = local.acl\n}\n"
		variable = "variable \"acl\" {\n  default = %q\n}\n\nresource \"aws_s3_bucket_acl\" \"a\" {\n  bucket = \"b\"\n  acl    = var.acl\n}\n"
		uses     = "resource \"aws_s3_bucket_acl\" \"a\" {\n  bucket = %q\n  acl    = var.acl\n}\n"
		literal  = "resource \"aws_s3_bucket_acl\" \"a\" {\n  bucket = \"b\"\n  acl    = \"public-read\"\n}\n\nresource \"aws_s3_bucket\" \"c\" {\n  bucket = %q\n}\n"
	)
	vars := func(acl string) string { return fmt.Sprintf("variable \"acl\" {\n  default = %q\n}\n", acl) }
	for _, tc := range []struct {
		name       string
		base, head map[string]string
		code       int
	}{
		{"a local in the same file", map[string]string{"infra/main.tf": fmt.Sprintf(local, "private")},
			map[string]string{"infra/main.tf": fmt.Sprintf(local, "public-read")}, ExitBlocking},
		{"a variable's default in the same file", map[string]string{"infra/main.tf": fmt.Sprintf(variable, "private")},
			map[string]string{"infra/main.tf": fmt.Sprintf(variable, "public-read")}, ExitBlocking},
		{"a variable's default, and another line of the file using it",
			map[string]string{"infra/main.tf": fmt.Sprintf(uses, "b"), "infra/variables.tf": vars("private")},
			map[string]string{"infra/main.tf": fmt.Sprintf(uses, "b2"), "infra/variables.tf": vars("public-read")}, ExitBlocking},
		{"a tfvars file, and another line of the file using it",
			map[string]string{"infra/main.tf": fmt.Sprintf(uses, "b"), "infra/variables.tf": vars("private")},
			map[string]string{"infra/main.tf": fmt.Sprintf(uses, "b2"), "infra/terraform.tfvars": "acl = \"public-read\"\n"}, ExitBlocking},
		{"another resource's line", map[string]string{"infra/main.tf": fmt.Sprintf(literal, "c")},
			map[string]string{"infra/main.tf": fmt.Sprintf(literal, "c2")}, ExitPass},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e := newGate(t, mergeMaps(tc.base, map[string]string{".infragate.yaml": "builtin: true\nterraform: {eval: true}\n"}), tc.head, fakegithub.Options{})
			e.want(e.run("--scope", "lines"), tc.code)
			if r := e.checkRun(); !strings.Contains(r.Text, `canned ACL "public-read"`) {
				t.Errorf("the public ACL is not reported:\n%s\n%s", r.Title, r.Text)
			}
		})
	}
}

// TestGateLinkTargetChanged checks that a pull request changing only the
// target of a link evaluates the link: main.tf -> payload.txt says what
// payload.txt says.
func TestGateLinkTargetChanged(t *testing.T) {
	const acl = "resource \"aws_s3_bucket_acl\" \"a\" {\n  bucket = \"b\"\n  acl    = \"%s\"\n}\n"
	e := newGate(t, map[string]string{
		".infragate.yaml": "builtin: true\n",
		"infra/main.tf":   symlinkTo + "../payload.txt",
		"payload.txt":     fmt.Sprintf(acl, "private"),
	}, map[string]string{"payload.txt": fmt.Sprintf(acl, "public-read")}, fakegithub.Options{})
	e.want(e.run("--scope", "lines"), ExitBlocking)
	if r := e.checkRun(); !strings.Contains(r.Text, "infra/main.tf:3") || !strings.Contains(r.Text, `canned ACL "public-read"`) {
		t.Errorf("check run: %s\n%s", r.Title, r.Text)
	}
}

// TestGateLinkTargetChangedFilesAPI: the same in a shallow clone, which
// git cannot diff. The files API lists payload.txt alone; the link to it
// is found in the workspace, which holds the head, and evaluated.
func TestGateLinkTargetChangedFilesAPI(t *testing.T) {
	const acl = "resource \"aws_s3_bucket_acl\" \"a\" {\n  bucket = \"b\"\n  acl    = \"%s\"\n}\n"
	e := newGate(t, map[string]string{
		"infra/main.tf":      symlinkTo + "../payload.txt",
		"infra/other.tf":     symlinkTo + "../unchanged.txt",
		"infra/outside.tf":   symlinkTo + "../../outside.txt",
		"unchanged.txt":      fmt.Sprintf(acl, "public-read"),
		"payload.txt":        fmt.Sprintf(acl, "private"),
		"infra/notes/a.txt":  symlinkTo + "../../payload.txt", // not IaC: not evaluated
		"infra/loop.tf":      symlinkTo + "loop.tf",
		"infra/dangling.yml": symlinkTo + "gone.yml",
	}, map[string]string{"payload.txt": fmt.Sprintf(acl, "public-read")}, fakegithub.Options{})
	if err := os.RemoveAll(filepath.Join(e.shallowClone("feature"), "policy")); err != nil {
		t.Fatal(err)
	}
	e.want(e.run("--builtin"), ExitBlocking)
	if len(e.srv.RequestsTo(fakegithub.RouteListFiles)) == 0 {
		t.Error("the files API was not used")
	}
	r := e.checkRun()
	if !strings.Contains(r.Text, "infra/main.tf:3") || !strings.Contains(r.Text, `canned ACL "public-read"`) {
		t.Errorf("check run: %s\n%s", r.Title, r.Text)
	}
	if strings.Contains(r.Text, "infra/other.tf") || strings.Contains(r.Text, "notes/a.txt") {
		t.Errorf("a link whose target did not change was evaluated:\n%s", r.Text)
	}
}

// TestGateJudgesListItems checks that the gate, like check, judges the
// items of a Kubernetes List: wrapping a privileged pod in a List does not
// get it past the built-in rules.
func TestGateJudgesListItems(t *testing.T) {
	e := newGate(t, nil, map[string]string{
		"k8s/list.yaml": "apiVersion: v1\nkind: List\nitems:\n  - apiVersion: v1\n    kind: Pod\n    metadata: {name: p}\n    spec:\n      hostPID: true\n      containers: []\n",
	}, fakegithub.Options{})
	e.want(e.run("--builtin"), ExitBlocking)
	if text := e.checkRun().Text; !strings.Contains(text, "k8s/list.yaml:8") || !strings.Contains(text, "IG-K8S-003") {
		t.Errorf("check run text lacks the item's hostPID finding:\n%s", text)
	}
}

// A pull request that changes only a chart's values judges what the
// chart's templates then deploy, on the template's lines; the values files
// the base configuration names are read too.
func TestGateHelmValuesChange(t *testing.T) {
	chart := map[string]string{
		"policy/main.rego":              "package main\n\ndeny contains msg if {\n\tsome c in input.spec.containers\n\tc.securityContext.privileged\n\tmsg := sprintf(\"%s is privileged\", [c.name])\n}\n",
		".infragate.yaml":               "builtin: false\nhelm:\n  values:\n    charts/app: [charts/app/values-prod.yaml]\n",
		"charts/app/Chart.yaml":         "apiVersion: v2\nname: app\nversion: 0.1.0\n",
		"charts/app/values.yaml":        "privileged: false\n",
		"charts/app/values-prod.yaml":   "replicas: 3\n",
		"charts/app/templates/pod.yaml": "apiVersion: v1\nkind: Pod\nmetadata:\n  name: app\nspec:\n  containers:\n  - name: app\n    image: nginx:1.27\n    securityContext:\n      privileged: {{ .Values.privileged }}\n",
	}
	for _, tc := range []struct {
		name, file, values string
	}{
		{"values.yaml", "charts/app/values.yaml", "privileged: true\n"},
		{"a configured values file", "charts/app/values-prod.yaml", "replicas: 3\nprivileged: true\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e := newGate(t, chart, map[string]string{tc.file: tc.values}, fakegithub.Options{})
			e.want(e.run(), ExitBlocking)
			if !strings.Contains(e.stdout.String(), "charts/app/templates/pod.yaml:10: FAILURE [main.deny] app is privileged") {
				t.Errorf("the template's line was not reported:\n%s", e.stdout.String())
			}
			// The template is not in the pull request: the annotation is
			// on the values line that turned privileged on.
			line := strings.Count(tc.values[:strings.Index(tc.values, "privileged")], "\n") + 1
			if got, want := annotationsOf(e.checkRun()), []wantAnn{{tc.file, line, "failure"}}; !slices.Equal(got, want) {
				t.Errorf("annotations %v, want %v", got, want)
			}
		})
	}
	// Unchanged values pass.
	e := newGate(t, chart, map[string]string{"charts/app/values-prod.yaml": "replicas: 4\n"}, fakegithub.Options{})
	e.want(e.run(), ExitPass)

	// Helm deploys a template whatever its extension.
	x := newGate(t, chart, map[string]string{"charts/app/templates/extra.txt": strings.Replace(chart["charts/app/templates/pod.yaml"], "{{ .Values.privileged }}", "true", 1)}, fakegithub.Options{})
	x.want(x.run(), ExitBlocking)
	if !strings.Contains(x.stdout.String(), "charts/app/templates/extra.txt:10: FAILURE [main.deny] app is privileged") {
		t.Errorf("a template named .txt was not judged:\n%s", x.stdout.String())
	}
}

func TestGateKustomizeChange(t *testing.T) {
	repo := map[string]string{
		"policy/main.rego":                "package main\n\ndeny contains msg if {\n\tsome c in input.spec.template.spec.containers\n\tc.securityContext.privileged\n\tmsg := sprintf(\"%s is privileged\", [c.name])\n}\n",
		".infragate.yaml":                 "builtin: false\n",
		"base/kustomization.yaml":         "resources:\n  - deploy.yaml\n",
		"base/deploy.yaml":                "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: app\nspec:\n  template:\n    spec:\n      containers:\n      - name: app\n        image: nginx:1.27\n",
		"prod/kustomization.yaml":         "namespace: prod\nresources:\n  - ../base\npatches:\n  - path: tune.yaml\n",
		"prod/tune.yaml":                  "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: app\nspec:\n  replicas: 2\n",
		"other/kustomization.yaml":        "resources:\n  - cm.yaml\n",
		"other/cm.yaml":                   "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n",
		"remote/kustomization.yaml":       "resources:\n  - github.com/org/repo//deploy?ref=v1\n",
		"remote/unrelated/kustomize.yaml": "a: 1\n",
	}
	privileged := "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: app\nspec:\n  template:\n    spec:\n      containers:\n      - name: app\n        securityContext:\n          privileged: true\n"
	// A patch that turns privileged on: the overlay, which the change
	// does not list, blocks on its patches entry, naming the patch line.
	e := newGate(t, repo, map[string]string{"prod/tune.yaml": privileged}, fakegithub.Options{})
	e.want(e.run(), ExitBlocking)
	out := e.stdout.String()
	if !strings.Contains(out, "prod/kustomization.yaml:5: FAILURE [main.deny] app is privileged (from prod/tune.yaml:11)") {
		t.Errorf("the overlay was not judged with the patch:\n%s", out)
	}
	// The annotation goes where the diff shows it: on the patch's line
	// (the kustomization is not in the pull request).
	run := e.checkRun()
	if got, want := annotationsOf(run), []wantAnn{{"prod/tune.yaml", 11, "failure"}}; !slices.Equal(got, want) {
		t.Errorf("annotations %v, want %v", got, want)
	} else if msg := run.Annotations[0].Message; !strings.Contains(msg, "app is privileged (in what prod/kustomization.yaml:5 deploys)") {
		t.Errorf("annotation message %q", msg)
	}
	if strings.Contains(out, "other/") || strings.Contains(out, "remote/") {
		t.Errorf("kustomizations the change does not reach were judged:\n%s", out)
	}
	// A harmless patch passes; so does a change the overlays do not read.
	p := newGate(t, repo, map[string]string{"prod/tune.yaml": strings.Replace(repo["prod/tune.yaml"], "2", "3", 1)}, fakegithub.Options{})
	p.want(p.run(), ExitPass)
	// A change to the base reaches the overlay too: a privileged base
	// blocks on the base's line, and the overlay's copy is not repeated.
	b := newGate(t, repo, map[string]string{"base/deploy.yaml": strings.Replace(privileged, "      - name: app\n", "      - name: app\n        image: nginx:1.27\n", 1)}, fakegithub.Options{})
	b.want(b.run(), ExitBlocking)
	if out := b.stdout.String(); !strings.Contains(out, "base/deploy.yaml:12: FAILURE [main.deny] app is privileged") ||
		strings.Contains(out, "kustomization.yaml:") && strings.Contains(out, "privileged (from") {
		t.Errorf("base change:\n%s", out)
	}
	// A remote base in a changed kustomization cannot be judged: the gate
	// does not pass it.
	r := newGate(t, repo, map[string]string{"remote/kustomization.yaml": "resources:\n  - https://example.com/x.yaml\n"}, fakegithub.Options{})
	r.want(r.run(), ExitBlocking)
	if !strings.Contains(r.stdout.String(), "remote/kustomization.yaml:2: FAILURE [parse-error]") {
		t.Errorf("remote base:\n%s", r.stdout.String())
	}
}
