package github

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/infragate/infragate/internal/fakegithub"
)

func TestStartAndPublish(t *testing.T) {
	e := setup(t, fakegithub.Options{})
	ctx := context.Background()
	run, err := e.c.StartCheck(ctx, e.repo, headSHA, "infragate")
	if err != nil {
		t.Fatal(err)
	}
	runs := e.srv.CheckRuns(testRepo)
	if len(runs) != 1 || runs[0].Status != "in_progress" || runs[0].HeadSHA != headSHA {
		t.Fatalf("after StartCheck: %+v", runs)
	}
	p := e.publication()
	p.CheckRun = run
	summary := filepath.Join(t.TempDir(), "summary.md")
	p.StepSummaryPath, p.StepSummary = summary, "## infragate\n1 failure"
	res, err := e.c.Publish(ctx, p)
	if err != nil {
		t.Fatal(err)
	}
	runs = e.srv.CheckRuns(testRepo)
	if len(runs) != 1 {
		t.Fatalf("%d check runs, want 1", len(runs))
	}
	r := runs[0]
	if r.Status != "completed" || r.Conclusion != "failure" || r.Title != "1 blocking finding" || r.Text != "| rule | file |" || r.CompletedAt == "" {
		t.Errorf("check run: %+v", r)
	}
	if len(r.Annotations) != 1 || r.Annotations[0].Path != "main.tf" || r.Annotations[0].StartLine != 3 || r.Annotations[0].EndLine != 3 || r.Annotations[0].Level != "failure" {
		t.Errorf("annotations: %+v", r.Annotations)
	}
	cs := e.srv.Comments(testRepo, 7)
	if len(cs) != 1 || !strings.HasPrefix(cs[0].Body, "<!-- infragate:infragate -->\n### infragate") {
		t.Errorf("comments: %+v", cs)
	}
	if b, _ := os.ReadFile(summary); string(b) != "## infragate\n1 failure\n" {
		t.Errorf("job summary: %q", b)
	}
	if res.CheckRun == nil || res.AnnotationsSent != 1 || res.Comment == nil || !res.Comment.Created || !res.StepSummaryWritten || res.FallbackAnnotations {
		t.Errorf("result: %+v", res)
	}
}

func TestPublishNeverSuccessWhenNotEvaluated(t *testing.T) {
	e := setup(t, fakegithub.Options{})
	p := e.publication()
	p.Conclusion, p.CouldNotEvaluate = ConclusionSuccess, true
	if _, err := e.c.Publish(context.Background(), p); err != nil {
		t.Fatal(err)
	}
	if r := e.srv.CheckRuns(testRepo); r[0].Conclusion != "failure" {
		t.Errorf("conclusion %q, want failure", r[0].Conclusion)
	}
	p.Conclusion = "neutral"
	p.CouldNotEvaluate = false
	if _, err := e.c.Publish(context.Background(), p); err == nil {
		t.Error("conclusion neutral accepted")
	}
}

func annotations(n int) []Annotation {
	levels := []Level{LevelNotice, LevelWarning, LevelFailure}
	var out []Annotation
	for i := range n {
		out = append(out, Annotation{Path: fmt.Sprintf("f%03d.tf", i), StartLine: i + 1, Level: levels[i%3], Message: fmt.Sprintf("finding %d", i)})
	}
	return out
}

// annotationBatches returns the annotations of each check run PATCH.
func annotationBatches(t *testing.T, srv *fakegithub.Server) [][]fakegithub.Annotation {
	t.Helper()
	var out [][]fakegithub.Annotation
	for _, r := range srv.RequestsTo(fakegithub.RouteUpdateCheckRun) {
		var b struct {
			Conclusion string `json:"conclusion"`
			Output     struct {
				Annotations []fakegithub.Annotation `json:"annotations"`
			} `json:"output"`
		}
		if err := json.Unmarshal(r.Body, &b); err != nil {
			t.Fatal(err)
		}
		if len(b.Output.Annotations) > 0 {
			out = append(out, b.Output.Annotations)
		}
	}
	return out
}

func Test120AnnotationsIn3Requests(t *testing.T) {
	e := setup(t, fakegithub.Options{})
	p := e.publication()
	p.Annotations = annotations(120)
	res, err := e.c.Publish(context.Background(), p)
	if err != nil {
		t.Fatal(err)
	}
	batches := annotationBatches(t, e.srv)
	if len(batches) != 3 || len(batches[0]) != 50 || len(batches[1]) != 50 || len(batches[2]) != 20 {
		t.Fatalf("batches of %v, want 50, 50, 20", lens(batches))
	}
	// The first batch goes with the completion; most severe first.
	var first struct{ Conclusion string }
	_ = json.Unmarshal(e.srv.RequestsTo(fakegithub.RouteUpdateCheckRun)[0].Body, &first)
	if first.Conclusion != "failure" {
		t.Errorf("first PATCH conclusion %q, want failure", first.Conclusion)
	}
	if batches[0][0].Level != "failure" || batches[1][0].Level != "warning" || batches[2][19].Level != "notice" {
		t.Errorf("not most severe first: %s %s %s", batches[0][0].Level, batches[1][0].Level, batches[2][19].Level)
	}
	if runs := e.srv.CheckRuns(testRepo); len(runs[0].Annotations) != 120 || res.AnnotationsSent != 120 {
		t.Errorf("%d annotations stored, %d sent", len(runs[0].Annotations), res.AnnotationsSent)
	}
}

func lens(b [][]fakegithub.Annotation) []int {
	var n []int
	for _, x := range b {
		n = append(n, len(x))
	}
	return n
}

func TestAnnotationCap(t *testing.T) {
	e := setup(t, fakegithub.Options{})
	p := e.publication()
	p.Annotations = annotations(120)
	p.MaxAnnotations = 60
	res, err := e.c.Publish(context.Background(), p)
	if err != nil {
		t.Fatal(err)
	}
	r := e.srv.CheckRuns(testRepo)[0]
	if len(r.Annotations) != 60 || res.AnnotationsCapped != 60 {
		t.Errorf("%d annotations, %d capped", len(r.Annotations), res.AnnotationsCapped)
	}
	if !strings.Contains(r.Summary, "60 more annotations are not shown (the cap is 60)") {
		t.Errorf("summary does not state the cap: %q", r.Summary)
	}
	for _, a := range r.Annotations {
		if a.Level == "notice" {
			t.Fatalf("a notice was kept over failures and warnings: %+v", a)
		}
	}
}

func TestLimitsAreCut(t *testing.T) {
	e := setup(t, fakegithub.Options{})
	p := e.publication()
	p.Title = strings.Repeat("é", 300)
	p.Summary = strings.Repeat("s", 70000)
	p.Text = strings.Repeat("ü", 70000)
	p.Comment = strings.Repeat("c", 70000)
	p.Annotations = []Annotation{{Path: "a.tf", StartLine: 2, EndLine: 1, StartColumn: 3, Level: LevelWarning,
		Title: strings.Repeat("t", 300), Message: strings.Repeat("m", 70<<10)}}
	if _, err := e.c.Publish(context.Background(), p); err != nil {
		t.Fatal(err) // the fake's validation (t.Cleanup) also fails the test on any violated limit
	}
	r := e.srv.CheckRuns(testRepo)[0]
	if utf8.RuneCountInString(r.Title) != MaxTitle || !strings.HasSuffix(r.Title, TruncationNote) {
		t.Errorf("title: %d chars, %q…", utf8.RuneCountInString(r.Title), r.Title[len(r.Title)-40:])
	}
	for name, s := range map[string]string{"summary": r.Summary, "text": r.Text} {
		if utf8.RuneCountInString(s) != MaxOutputText || !strings.HasSuffix(s, TruncationNote) {
			t.Errorf("%s: %d chars", name, utf8.RuneCountInString(s))
		}
	}
	a := r.Annotations[0]
	if len(a.Message) > MaxAnnotationMessage || !strings.HasSuffix(a.Message, TruncationNote) || a.EndLine != 2 || a.StartColumn == nil || *a.StartColumn != 3 || *a.EndColumn != 3 {
		t.Errorf("annotation: lines %d-%d, %d bytes", a.StartLine, a.EndLine, len(a.Message))
	}
	if c := e.srv.Comments(testRepo, 7)[0].Body; utf8.RuneCountInString(c) != MaxCommentBody || !strings.HasSuffix(c, TruncationNote) {
		t.Errorf("comment: %d chars", utf8.RuneCountInString(c))
	}
}

func TestRerunUpdatesInsteadOfDuplicating(t *testing.T) {
	e := setup(t, fakegithub.Options{})
	ctx := context.Background()
	p := e.publication()
	p.Annotations = annotations(70)
	for range 2 {
		run, err := e.c.StartCheck(ctx, e.repo, headSHA, "infragate")
		if err != nil {
			t.Fatal(err)
		}
		p.CheckRun = run
		res, err := e.c.Publish(ctx, p)
		if err != nil {
			t.Fatal(err)
		}
		if res.AnnotationsSent != 70 || res.FallbackAnnotations {
			t.Errorf("result: %d annotations, fallback %v", res.AnnotationsSent, res.FallbackAnnotations)
		}
	}
	runs := e.srv.CheckRuns(testRepo)
	if len(runs) != 1 || len(runs[0].Annotations) != 70 || runs[0].Status != "completed" {
		t.Fatalf("after a re-run: %d runs, %d annotations", len(runs), len(runs[0].Annotations))
	}
	if n := len(e.srv.RequestsTo(fakegithub.RouteCreateComment)); n != 1 {
		t.Errorf("%d comments created, want 1", n)
	}
	// The findings are gone: the comment says so, and a fresh run replaces
	// the one carrying stale annotations.
	p.Conclusion, p.Title, p.Annotations, p.Comment, p.CheckRun = ConclusionSuccess, "All clear", nil, "All clear", nil
	res, err := e.c.Publish(ctx, p)
	if err != nil {
		t.Fatal(err)
	}
	runs = e.srv.CheckRuns(testRepo)
	if len(runs) != 2 || runs[1].Conclusion != "success" || len(runs[1].Annotations) != 0 || runs[0].Conclusion != "success" ||
		!strings.Contains(runs[0].Summary, "replaced") {
		t.Errorf("after the fix: %+v", runs)
	}
	cs := e.srv.Comments(testRepo, 7)
	if len(cs) != 1 || !strings.HasSuffix(cs[0].Body, "All clear") || res.Comment.Created {
		t.Errorf("comments: %+v", cs)
	}
}

func TestCommentMarkerOnPage2(t *testing.T) {
	e := setup(t, fakegithub.Options{})
	for i := range 130 {
		e.srv.AddComment(testRepo, 7, "someone", fmt.Sprintf("comment %d", i))
	}
	// Someone quoting the marker mid-comment is not the sticky comment.
	e.srv.AddComment(testRepo, 7, "someone", "see "+Marker("infragate"))
	id := e.srv.AddComment(testRepo, 7, "github-actions[bot]", Marker("infragate")+"\nold")
	cm, err := e.c.UpsertComment(context.Background(), e.repo, 7, "infragate", "new")
	if err != nil {
		t.Fatal(err)
	}
	if cm.ID != id || cm.Created {
		t.Errorf("comment %+v, want the existing %d updated", cm, id)
	}
	if n := len(e.srv.RequestsTo(fakegithub.RouteCreateComment)); n != 0 {
		t.Errorf("%d comments created", n)
	}
	if cs := e.srv.Comments(testRepo, 7); cs[len(cs)-1].Body != Marker("infragate")+"\nnew" {
		t.Errorf("body %q", cs[len(cs)-1].Body)
	}
	if got := Marker("in fra-->gate"); got != "<!-- infragate:in_fra___gate -->" {
		t.Errorf("Marker: %q", got)
	}
}

func TestNoDoublePostAfterAmbiguousFailure(t *testing.T) {
	for _, tc := range []struct {
		name  string
		fault fakegithub.Fault
	}{
		{"502 after the write", fakegithub.Fault{Kind: fakegithub.FaultStatus, Status: 502, Apply: true}},
		{"502 before the write", fakegithub.Fault{Kind: fakegithub.FaultStatus, Status: 502}},
		{"timeout after the write", fakegithub.Fault{Kind: fakegithub.FaultTimeout, Apply: true}},
		{"reset after the write", fakegithub.Fault{Kind: fakegithub.FaultReset, Apply: true}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e := setup(t, fakegithub.Options{})
			e.srv.Fail(fakegithub.RouteCreateCheckRun, tc.fault)
			e.srv.Fail(fakegithub.RouteCreateComment, tc.fault)
			e.srv.Fail(fakegithub.RouteUpdateCheckRun, fakegithub.Fault{Kind: tc.fault.Kind, Status: tc.fault.Status, Apply: tc.fault.Apply, Times: 2})
			p := e.publication()
			p.Annotations = annotations(120)
			res, err := e.c.Publish(context.Background(), p)
			if err != nil {
				t.Fatal(err)
			}
			runs := e.srv.CheckRuns(testRepo)
			if len(runs) != 1 || runs[0].Conclusion != "failure" || len(runs[0].Annotations) != 120 {
				t.Errorf("%d check runs, %d annotations; want 1 and 120", len(runs), len(runs[0].Annotations))
			}
			if cs := e.srv.Comments(testRepo, 7); len(cs) != 1 {
				t.Errorf("%d comments, want 1", len(cs))
			}
			if res.AnnotationsSent != 120 {
				t.Errorf("result says %d annotations sent", res.AnnotationsSent)
			}
		})
	}
}

func TestNoWritePermissionFallsBack(t *testing.T) {
	e := setup(t, fakegithub.Options{})
	ctx := context.Background()
	e.srv.SetReadOnly(testRepo, true)
	if _, err := e.c.StartCheck(ctx, e.repo, headSHA, "infragate"); !errors.Is(err, ErrNoWritePermission) {
		t.Fatalf("StartCheck: got %v, want ErrNoWritePermission", err)
	}
	res, err := e.c.Publish(ctx, e.publication())
	if err != nil {
		t.Fatalf("Publish: %v; a 403 must fall back, not fail", err)
	}
	if !res.FallbackAnnotations || res.CheckRun != nil || res.Comment != nil {
		t.Errorf("result: %+v", res)
	}
	if notes := strings.Join(res.Notes, "\n"); !strings.Contains(notes, "no write permission") || !strings.Contains(notes, "comment") {
		t.Errorf("notes do not explain the fallback: %q", notes)
	}
	// A 403 that is a rate limit is retried, not a permission problem.
	e2 := setup(t, fakegithub.Options{})
	e2.srv.Fail(fakegithub.RouteCreateCheckRun, fakegithub.SecondaryRateLimitFault())
	if res, err := e2.c.Publish(ctx, e2.publication()); err != nil || res.CheckRun == nil || len(e2.srv.CheckRuns(testRepo)) != 1 {
		t.Errorf("after a secondary rate limit on create: %+v, %v", res, err)
	}
}

func TestPublishFailureIsAnError(t *testing.T) {
	e := setup(t, fakegithub.Options{})
	e.srv.Fail(fakegithub.RouteListCheckRuns, fakegithub.Fault{Kind: fakegithub.FaultStatus, Status: http.StatusInternalServerError, Times: 5})
	res, err := e.c.Publish(context.Background(), e.publication())
	if err == nil || !strings.Contains(err.Error(), "500") {
		t.Fatalf("got %v, want the 500 reported", err)
	}
	if res.CheckRun != nil || !res.FallbackAnnotations {
		t.Errorf("result: %+v", res)
	}
}

func TestStatusMode(t *testing.T) {
	e := setup(t, fakegithub.Options{})
	p := e.publication()
	p.Mode = ModeStatus
	p.Title = strings.Repeat("long ", 50)
	res, err := e.c.Publish(context.Background(), p)
	if err != nil {
		t.Fatal(err)
	}
	p.CouldNotEvaluate = true
	if _, err := e.c.Publish(context.Background(), p); err != nil {
		t.Fatal(err)
	}
	sts := e.srv.Statuses(testRepo)
	if len(sts) != 2 || sts[0].State != "failure" || sts[1].State != "error" || sts[0].Context != "infragate" ||
		sts[0].SHA != headSHA || utf8.RuneCountInString(sts[0].Description) > 140 {
		t.Errorf("statuses: %+v", sts)
	}
	if !res.StatusSet || !res.FallbackAnnotations || len(e.srv.CheckRuns(testRepo)) != 0 {
		t.Errorf("result: %+v", res)
	}
}

func TestAppendStepSummary(t *testing.T) {
	path := filepath.Join(t.TempDir(), "s.md")
	if err := AppendStepSummary(path, "a"); err != nil {
		t.Fatal(err)
	}
	if err := AppendStepSummary(path, strings.Repeat("x", 2<<20)); err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(path)
	if len(b) > MaxStepSummary || !strings.HasPrefix(string(b), "a\n") || !strings.Contains(string(b), "truncated") {
		t.Errorf("summary: %d bytes", len(b))
	}
	if err := AppendStepSummary(path, "more"); err == nil {
		t.Error("a full summary took more")
	}
	if err := AppendStepSummary("", "x"); err == nil {
		t.Error("no path: no error")
	}
}

func TestCreateGivesUpWithinBounds(t *testing.T) {
	e := setup(t, fakegithub.Options{})
	e.srv.Fail(fakegithub.RouteCreateCheckRun, fakegithub.Fault{Kind: fakegithub.FaultStatus, Status: 502, Times: 100})
	res, err := e.c.Publish(context.Background(), e.publication())
	if err == nil || !strings.Contains(err.Error(), "502") {
		t.Fatalf("got %v, want the 502 reported", err)
	}
	if n := len(e.srv.RequestsTo(fakegithub.RouteCreateCheckRun)); n != 5 {
		t.Errorf("%d create attempts, want 5 (each after looking for an earlier one)", n)
	}
	if res.CheckRun != nil || len(e.srv.CheckRuns(testRepo)) != 0 {
		t.Errorf("a check run appeared: %+v", res)
	}
}
