package github

import (
	"fmt"
	"strings"
)

// DefaultAPIURL is the REST API root of github.com.
const DefaultAPIURL = "https://api.github.com/"

// Env is what a GitHub Actions job tells the gate through its environment.
type Env struct {
	EventName   string // GITHUB_EVENT_NAME
	EventPath   string // GITHUB_EVENT_PATH: the webhook payload as a JSON file
	Repository  string // GITHUB_REPOSITORY: owner/name
	APIURL      string // GITHUB_API_URL, DefaultAPIURL when unset
	SHA         string // GITHUB_SHA
	Workspace   string // GITHUB_WORKSPACE
	StepSummary string // GITHUB_STEP_SUMMARY: file the job summary is appended to
	Token       string // from the flag, else INFRAGATE_GITHUB_TOKEN, else GITHUB_TOKEN
}

// EnvFrom reads the Actions environment through getenv (os.Getenv in main,
// a map lookup in tests). tokenFlag, when not empty, wins over the
// environment's tokens.
func EnvFrom(getenv func(string) string, tokenFlag string) Env {
	e := Env{
		EventName:   getenv("GITHUB_EVENT_NAME"),
		EventPath:   getenv("GITHUB_EVENT_PATH"),
		Repository:  getenv("GITHUB_REPOSITORY"),
		APIURL:      getenv("GITHUB_API_URL"),
		SHA:         getenv("GITHUB_SHA"),
		Workspace:   getenv("GITHUB_WORKSPACE"),
		StepSummary: getenv("GITHUB_STEP_SUMMARY"),
	}
	for _, t := range []string{tokenFlag, getenv("INFRAGATE_GITHUB_TOKEN"), getenv("GITHUB_TOKEN")} {
		if t = strings.TrimSpace(t); t != "" {
			e.Token = t
			break
		}
	}
	if e.APIURL == "" {
		e.APIURL = DefaultAPIURL
	}
	return e
}

// InActions reports whether the environment looks like a GitHub Actions job
// with an event to read.
func (e Env) InActions() bool { return e.EventName != "" && e.EventPath != "" }

// String describes the environment for logs; the token is never shown.
func (e Env) String() string {
	tok := "none"
	if e.Token != "" {
		tok = "set"
	}
	return fmt.Sprintf("event=%s repository=%s api=%s token=%s", e.EventName, e.Repository, e.APIURL, tok)
}

// Repo names a repository.
type Repo struct {
	Owner, Name string
}

func (r Repo) String() string { return r.Owner + "/" + r.Name }

// ParseRepo parses "owner/name".
func ParseRepo(s string) (Repo, error) {
	owner, name, ok := strings.Cut(strings.TrimSpace(s), "/")
	if !ok || owner == "" || name == "" || strings.Contains(name, "/") {
		return Repo{}, fmt.Errorf("repository %q: want owner/name", s)
	}
	return Repo{Owner: owner, Name: name}, nil
}
