// Package fakegithub is an in-process fake of the GitHub REST API endpoints
// infragate uses, for tests. It keeps state (pull requests, files, reviews,
// check runs with annotations, comments, statuses, team memberships),
// records every request, injects faults per route, and validates every
// request: always against GitHub's documented limits (FACTS section 3) and,
// when a Spec is given, against GitHub's published OpenAPI description.
package fakegithub

import "time"

// PullRequest is a pull request of a fake repository.
type PullRequest struct {
	Number  int
	Title   string
	Author  string
	Labels  []string
	Draft   bool
	BaseRef string
	BaseSHA string
	HeadRef string
	HeadSHA string
	// HeadRepo is the head's owner/name; empty means the base repository.
	HeadRepo string
	Files    []File
	Reviews  []Review
}

// File is a changed file of a pull request.
type File struct {
	Filename         string
	Status           string // added, modified, removed, renamed; modified when empty
	PreviousFilename string
}

// Review is a pull request review.
type Review struct {
	ID          int64 // assigned when 0
	User        string
	State       string // APPROVED, CHANGES_REQUESTED, COMMENTED, DISMISSED
	CommitID    string
	SubmittedAt time.Time
}

// CheckRun is a check run as the fake stores it.
type CheckRun struct {
	ID          int64
	Name        string
	HeadSHA     string
	Status      string
	Conclusion  string
	Title       string
	Summary     string
	Text        string
	Annotations []Annotation
	StartedAt   string
	CompletedAt string
	Updates     int // PATCH requests applied
}

// Annotation is a check run annotation.
type Annotation struct {
	Path        string `json:"path"`
	StartLine   int    `json:"start_line"`
	EndLine     int    `json:"end_line"`
	StartColumn *int   `json:"start_column,omitempty"`
	EndColumn   *int   `json:"end_column,omitempty"`
	Level       string `json:"annotation_level"`
	Title       string `json:"title,omitempty"`
	Message     string `json:"message"`
	RawDetails  string `json:"raw_details,omitempty"`
}

// Comment is an issue (pull request) comment.
type Comment struct {
	ID    int64
	Issue int
	User  string
	Body  string
}

// Status is a commit status.
type Status struct {
	ID          int64
	SHA         string
	State       string
	Context     string
	Description string
	TargetURL   string
}

type repoState struct {
	prs       map[int]*PullRequest
	checkRuns []*CheckRun
	comments  []*Comment
	statuses  []*Status
	readOnly  bool
}
