package fakegithub

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"
)

func (s *Server) pr(w http.ResponseWriter, r *http.Request, key string) (*repoState, *PullRequest, bool) {
	rs := s.repo(r.PathValue("owner"), r.PathValue("repo"))
	n, _ := strconv.Atoi(r.PathValue(key))
	pr := rs.prs[n]
	if pr == nil {
		writeJSON(w, http.StatusNotFound, map[string]any{"message": "Not Found"})
		return rs, nil, false
	}
	return rs, pr, true
}

func (s *Server) htmlBase(r *http.Request) string {
	return "https://github.com/" + r.PathValue("owner") + "/" + r.PathValue("repo")
}

func user(login string) map[string]any {
	return map[string]any{"login": login, "id": len(login), "type": "User"}
}

func (s *Server) getPull(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	_, pr, ok := s.pr(w, r, "pull_number")
	if !ok {
		return
	}
	full := r.PathValue("owner") + "/" + r.PathValue("repo")
	headRepo := pr.HeadRepo
	if headRepo == "" {
		headRepo = full
	}
	labels := []map[string]any{}
	for _, l := range pr.Labels {
		labels = append(labels, map[string]any{"name": l})
	}
	writeJSON(w, http.StatusOK, map[string]any{
		"number": pr.Number, "title": pr.Title, "state": "open", "draft": pr.Draft,
		"user": user(pr.Author), "labels": labels, "changed_files": len(pr.Files),
		"html_url": fmt.Sprintf("%s/pull/%d", s.htmlBase(r), pr.Number),
		"base":     map[string]any{"ref": pr.BaseRef, "sha": pr.BaseSHA, "repo": map[string]any{"full_name": full}},
		"head":     map[string]any{"ref": pr.HeadRef, "sha": pr.HeadSHA, "repo": map[string]any{"full_name": headRepo}},
	})
}

func (s *Server) listFiles(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	_, pr, ok := s.pr(w, r, "pull_number")
	if !ok {
		return
	}
	files := pr.Files[:min(len(pr.Files), filesCap)]
	start, end := paginate(w, r, len(files))
	out := []map[string]any{}
	for _, f := range files[start:end] {
		st := f.Status
		if st == "" {
			st = "modified"
		}
		m := map[string]any{"filename": f.Filename, "status": st, "sha": "0000000000000000000000000000000000000000"}
		if f.PreviousFilename != "" {
			m["previous_filename"] = f.PreviousFilename
		}
		out = append(out, m)
	}
	writeJSON(w, http.StatusOK, out)
}

func (s *Server) listReviews(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	_, pr, ok := s.pr(w, r, "pull_number")
	if !ok {
		return
	}
	start, end := paginate(w, r, len(pr.Reviews))
	out := []map[string]any{}
	for _, rv := range pr.Reviews[start:end] {
		m := map[string]any{"id": rv.ID, "user": user(rv.User), "state": rv.State, "commit_id": rv.CommitID, "body": ""}
		if !rv.SubmittedAt.IsZero() {
			m["submitted_at"] = rv.SubmittedAt.UTC().Format(time.RFC3339)
		}
		out = append(out, m)
	}
	writeJSON(w, http.StatusOK, out)
}

func (s *Server) teamMembership(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	key := strings.ToLower(r.PathValue("org") + "/" + r.PathValue("team_slug"))
	if s.hiddenTeam[key] {
		s.errorJSON(w, r, http.StatusForbidden, "Resource not accessible by integration")
		return
	}
	state := s.teams[key][strings.ToLower(r.PathValue("username"))]
	if state == "" {
		writeJSON(w, http.StatusNotFound, map[string]any{"message": "Not Found"})
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"state": state, "role": "member", "url": ""})
}

// checkRunBody is the body of create and update check run requests.
type checkRunBody struct {
	Name        string  `json:"name"`
	HeadSHA     string  `json:"head_sha"`
	Status      *string `json:"status"`
	Conclusion  *string `json:"conclusion"`
	StartedAt   *string `json:"started_at"`
	CompletedAt *string `json:"completed_at"`
	Output      *struct {
		Title       *string      `json:"title"`
		Summary     *string      `json:"summary"`
		Text        *string      `json:"text"`
		Annotations []Annotation `json:"annotations"`
	} `json:"output"`
}

func (s *Server) writable(w http.ResponseWriter, r *http.Request) (*repoState, bool) {
	rs := s.repo(r.PathValue("owner"), r.PathValue("repo"))
	if rs.readOnly {
		s.errorJSON(w, r, http.StatusForbidden, "Resource not accessible by integration")
		return rs, false
	}
	return rs, true
}

func (s *Server) createCheckRun(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	rs, ok := s.writable(w, r)
	if !ok {
		return
	}
	var b checkRunBody
	if !decodeBody(w, r, &b) {
		return
	}
	cr := &CheckRun{ID: s.id(), Name: b.Name, HeadSHA: b.HeadSHA, Status: "queued"}
	applyCheckRun(cr, &b)
	rs.checkRuns = append(rs.checkRuns, cr)
	writeJSON(w, http.StatusCreated, s.checkRunJSON(r, cr))
}

func (s *Server) updateCheckRun(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	rs, ok := s.writable(w, r)
	if !ok {
		return
	}
	id, _ := strconv.ParseInt(r.PathValue("check_run_id"), 10, 64)
	var cr *CheckRun
	for _, c := range rs.checkRuns {
		if c.ID == id {
			cr = c
		}
	}
	if cr == nil {
		writeJSON(w, http.StatusNotFound, map[string]any{"message": "Not Found"})
		return
	}
	var b checkRunBody
	if !decodeBody(w, r, &b) {
		return
	}
	if b.Name != "" {
		cr.Name = b.Name
	}
	cr.Updates++
	applyCheckRun(cr, &b)
	writeJSON(w, http.StatusOK, s.checkRunJSON(r, cr))
}

func applyCheckRun(cr *CheckRun, b *checkRunBody) {
	if b.Status != nil {
		cr.Status = *b.Status
		if cr.Status != "completed" {
			cr.Conclusion, cr.CompletedAt = "", ""
		}
	}
	if b.Conclusion != nil {
		cr.Status, cr.Conclusion = "completed", *b.Conclusion
	}
	if b.StartedAt != nil {
		cr.StartedAt = *b.StartedAt
	}
	if b.CompletedAt != nil {
		cr.CompletedAt = *b.CompletedAt
	}
	if o := b.Output; o != nil {
		if o.Title != nil {
			cr.Title = *o.Title
		}
		if o.Summary != nil {
			cr.Summary = *o.Summary
		}
		if o.Text != nil {
			cr.Text = *o.Text
		}
		// Annotations append, as on GitHub.
		cr.Annotations = append(cr.Annotations, o.Annotations...)
	}
}

func (s *Server) checkRunJSON(r *http.Request, cr *CheckRun) map[string]any {
	m := map[string]any{
		"id": cr.ID, "name": cr.Name, "head_sha": cr.HeadSHA, "status": cr.Status,
		"html_url": fmt.Sprintf("%s/runs/%d", s.htmlBase(r), cr.ID),
		"output":   map[string]any{"title": cr.Title, "summary": cr.Summary, "text": cr.Text, "annotations_count": len(cr.Annotations)},
	}
	if cr.Conclusion != "" {
		m["conclusion"] = cr.Conclusion
	}
	return m
}

func (s *Server) listCheckRuns(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	rs := s.repo(r.PathValue("owner"), r.PathValue("repo"))
	ref, name := r.PathValue("ref"), r.URL.Query().Get("check_name")
	latest := r.URL.Query().Get("filter") != "all"
	var match []*CheckRun
	seen := map[string]bool{}
	for i := len(rs.checkRuns) - 1; i >= 0; i-- { // newest first
		c := rs.checkRuns[i]
		if c.HeadSHA != ref || (name != "" && c.Name != name) || (latest && seen[c.Name]) {
			continue
		}
		seen[c.Name] = true
		match = append(match, c)
	}
	start, end := paginate(w, r, len(match))
	runs := []map[string]any{}
	for _, c := range match[start:end] {
		runs = append(runs, s.checkRunJSON(r, c))
	}
	writeJSON(w, http.StatusOK, map[string]any{"total_count": len(match), "check_runs": runs})
}

func (s *Server) listAnnotations(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	rs := s.repo(r.PathValue("owner"), r.PathValue("repo"))
	id, _ := strconv.ParseInt(r.PathValue("check_run_id"), 10, 64)
	for _, c := range rs.checkRuns {
		if c.ID == id {
			start, end := paginate(w, r, len(c.Annotations))
			out := []Annotation{}
			out = append(out, c.Annotations[start:end]...)
			writeJSON(w, http.StatusOK, out)
			return
		}
	}
	writeJSON(w, http.StatusNotFound, map[string]any{"message": "Not Found"})
}

func (s *Server) createStatus(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	rs, ok := s.writable(w, r)
	if !ok {
		return
	}
	var b struct {
		State       string `json:"state"`
		Context     string `json:"context"`
		Description string `json:"description"`
		TargetURL   string `json:"target_url"`
	}
	if !decodeBody(w, r, &b) {
		return
	}
	if b.Context == "" {
		b.Context = "default"
	}
	st := &Status{ID: s.id(), SHA: r.PathValue("sha"), State: b.State, Context: b.Context, Description: b.Description, TargetURL: b.TargetURL}
	rs.statuses = append(rs.statuses, st)
	writeJSON(w, http.StatusCreated, map[string]any{"id": st.ID, "state": st.State, "context": st.Context, "description": st.Description, "target_url": st.TargetURL})
}

func (s *Server) commentJSON(r *http.Request, c *Comment) map[string]any {
	return map[string]any{"id": c.ID, "body": c.Body, "user": user(c.User),
		"html_url": fmt.Sprintf("%s/pull/%d#issuecomment-%d", s.htmlBase(r), c.Issue, c.ID)}
}

func (s *Server) listComments(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	rs := s.repo(r.PathValue("owner"), r.PathValue("repo"))
	n, _ := strconv.Atoi(r.PathValue("issue_number"))
	var cs []*Comment
	for _, c := range rs.comments {
		if c.Issue == n {
			cs = append(cs, c)
		}
	}
	start, end := paginate(w, r, len(cs))
	out := []map[string]any{}
	for _, c := range cs[start:end] {
		out = append(out, s.commentJSON(r, c))
	}
	writeJSON(w, http.StatusOK, out)
}

func (s *Server) createComment(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	rs, ok := s.writable(w, r)
	if !ok {
		return
	}
	var b struct {
		Body string `json:"body"`
	}
	if !decodeBody(w, r, &b) {
		return
	}
	n, _ := strconv.Atoi(r.PathValue("issue_number"))
	c := &Comment{ID: s.id(), Issue: n, User: s.opts.BotLogin, Body: b.Body}
	rs.comments = append(rs.comments, c)
	writeJSON(w, http.StatusCreated, s.commentJSON(r, c))
}

func (s *Server) updateComment(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	rs, ok := s.writable(w, r)
	if !ok {
		return
	}
	var b struct {
		Body string `json:"body"`
	}
	if !decodeBody(w, r, &b) {
		return
	}
	id, _ := strconv.ParseInt(r.PathValue("comment_id"), 10, 64)
	for _, c := range rs.comments {
		if c.ID == id {
			if c.User != s.opts.BotLogin {
				s.errorJSON(w, r, http.StatusForbidden, "Must have admin rights to Repository.")
				return
			}
			c.Body = b.Body
			writeJSON(w, http.StatusOK, s.commentJSON(r, c))
			return
		}
	}
	writeJSON(w, http.StatusNotFound, map[string]any{"message": "Not Found"})
}

// decodeBody reads a JSON request body into v, answering 400 as GitHub
// does when it is not JSON.
func decodeBody(w http.ResponseWriter, r *http.Request, v any) bool {
	if err := json.NewDecoder(r.Body).Decode(v); err != nil {
		writeJSON(w, http.StatusBadRequest, map[string]any{"message": "Problems parsing JSON"})
		return false
	}
	return true
}
