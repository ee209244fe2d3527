package fakegithub

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"unicode/utf8"
)

// GitHub's limits (FACTS section 3), checked on every request whether or
// not the OpenAPI description is loaded.
const (
	maxTitle             = 255
	maxOutputText        = 65535
	maxAnnotationMessage = 64 << 10
	maxAnnotations       = 50
	maxStatusDescription = 140
	maxCommentBody       = 65536
)

var (
	checkStatuses    = map[string]bool{"queued": true, "in_progress": true, "completed": true}
	checkConclusions = map[string]bool{"action_required": true, "cancelled": true, "failure": true, "neutral": true, "success": true, "skipped": true, "timed_out": true}
	annotationLevels = map[string]bool{"notice": true, "warning": true, "failure": true}
	statusStates     = map[string]bool{"error": true, "failure": true, "pending": true, "success": true}
)

// validateLimits returns the ways the request breaks GitHub's rules.
func validateLimits(route string, r *http.Request, body []byte) []string {
	var p []string
	add := func(format string, args ...any) { p = append(p, fmt.Sprintf(format, args...)) }
	if v := r.URL.Query().Get("per_page"); v != "" {
		if n, err := strconv.Atoi(v); err != nil || n < 1 || n > maxPerPage {
			add("per_page=%s: GitHub allows 1..100", v)
		}
	}
	switch route {
	case RouteCreateCheckRun, RouteUpdateCheckRun:
		var b map[string]json.RawMessage
		if err := json.Unmarshal(body, &b); err != nil {
			add("body is not a JSON object: %v", err)
			return p
		}
		str := func(m map[string]json.RawMessage, k string) (string, bool) {
			raw, ok := m[k]
			if !ok || string(raw) == "null" {
				return "", false
			}
			var s string
			if err := json.Unmarshal(raw, &s); err != nil {
				add("%s: not a string", k)
				return "", false
			}
			return s, true
		}
		if route == RouteCreateCheckRun {
			if s, _ := str(b, "name"); s == "" {
				add("name is required")
			}
			if s, _ := str(b, "head_sha"); s == "" {
				add("head_sha is required")
			}
		}
		status, hasStatus := str(b, "status")
		if hasStatus && !checkStatuses[status] {
			add("status %q: want queued, in_progress or completed", status)
		}
		conclusion, hasConclusion := str(b, "conclusion")
		if hasConclusion && !checkConclusions[conclusion] {
			add("conclusion %q is not a GitHub conclusion", conclusion)
		}
		if status == "completed" && !hasConclusion {
			add("a completed check run needs a conclusion")
		}
		if _, ok := str(b, "completed_at"); ok && !hasConclusion {
			add("completed_at needs a conclusion")
		}
		raw, ok := b["output"]
		if !ok || string(raw) == "null" {
			return p
		}
		var out map[string]json.RawMessage
		if err := json.Unmarshal(raw, &out); err != nil {
			add("output is not an object")
			return p
		}
		title, hasTitle := str(out, "title")
		summary, hasSummary := str(out, "summary")
		text, _ := str(out, "text")
		if !hasSummary {
			add("output.summary is required")
		}
		if route == RouteCreateCheckRun && !hasTitle {
			add("output.title is required")
		}
		if n := utf8.RuneCountInString(title); n > maxTitle {
			add("output.title has %d characters, over %d", n, maxTitle)
		}
		if n := utf8.RuneCountInString(summary); n > maxOutputText {
			add("output.summary has %d characters, over %d", n, maxOutputText)
		}
		if n := utf8.RuneCountInString(text); n > maxOutputText {
			add("output.text has %d characters, over %d", n, maxOutputText)
		}
		araw, ok := out["annotations"]
		if !ok || string(araw) == "null" {
			return p
		}
		var anns []map[string]json.RawMessage
		if err := json.Unmarshal(araw, &anns); err != nil {
			add("output.annotations is not an array of objects")
			return p
		}
		if len(anns) > maxAnnotations {
			add("%d annotations in one request, over %d", len(anns), maxAnnotations)
		}
		for i, a := range anns {
			p = append(p, validateAnnotation(i, a)...)
		}
	case RouteCreateStatus:
		var b struct {
			State       *string `json:"state"`
			Description *string `json:"description"`
			Context     *string `json:"context"`
		}
		if err := json.Unmarshal(body, &b); err != nil {
			add("body: %v", err)
			return p
		}
		if b.State == nil || !statusStates[*b.State] {
			add("state is required and must be error, failure, pending or success")
		}
		if b.Description != nil && utf8.RuneCountInString(*b.Description) > maxStatusDescription {
			add("description has %d characters, over %d", utf8.RuneCountInString(*b.Description), maxStatusDescription)
		}
	case RouteCreateComment, RouteUpdateComment:
		var b struct {
			Body *string `json:"body"`
		}
		if err := json.Unmarshal(body, &b); err != nil {
			add("body: %v", err)
			return p
		}
		if b.Body == nil || *b.Body == "" {
			add("body is required")
		} else if n := utf8.RuneCountInString(*b.Body); n > maxCommentBody {
			add("comment body has %d characters, over %d", n, maxCommentBody)
		}
	}
	return p
}

func validateAnnotation(i int, a map[string]json.RawMessage) []string {
	var p []string
	add := func(format string, args ...any) {
		p = append(p, fmt.Sprintf("annotation %d: ", i)+fmt.Sprintf(format, args...))
	}
	for _, k := range []string{"path", "start_line", "end_line", "annotation_level", "message"} {
		if v, ok := a[k]; !ok || string(v) == "null" {
			add("%s is required", k)
		}
	}
	var s struct {
		Path        string `json:"path"`
		StartLine   int    `json:"start_line"`
		EndLine     int    `json:"end_line"`
		StartColumn *int   `json:"start_column"`
		EndColumn   *int   `json:"end_column"`
		Level       string `json:"annotation_level"`
		Title       string `json:"title"`
		Message     string `json:"message"`
		RawDetails  string `json:"raw_details"`
	}
	b, _ := json.Marshal(a)
	if err := json.Unmarshal(b, &s); err != nil {
		add("wrong field types: %v", err)
		return p
	}
	if s.Path == "" {
		add("empty path")
	}
	if s.StartLine < 1 || s.EndLine < s.StartLine {
		add("lines %d-%d: start_line must be >= 1 and end_line >= start_line", s.StartLine, s.EndLine)
	}
	if (s.StartColumn != nil || s.EndColumn != nil) && s.StartLine != s.EndLine {
		add("columns are allowed only when start_line == end_line")
	}
	if !annotationLevels[s.Level] {
		add("annotation_level %q: want notice, warning or failure", s.Level)
	}
	if n := utf8.RuneCountInString(s.Title); n > maxTitle {
		add("title has %d characters, over %d", n, maxTitle)
	}
	if len(s.Message) > maxAnnotationMessage {
		add("message has %d bytes, over 64 KB", len(s.Message))
	}
	if len(s.RawDetails) > maxAnnotationMessage {
		add("raw_details has %d bytes, over 64 KB", len(s.RawDetails))
	}
	return p
}
