package fakegithub

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"strings"
	"sync"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
)

// SpecEnv names the environment variable holding the path of GitHub's
// OpenAPI description (api.github.com.json from the npm package
// @octokit/openapi, directory generated/).
const SpecEnv = "INFRAGATE_GITHUB_OPENAPI"

// Spec is GitHub's OpenAPI description, loaded once and shared (read-only)
// by every server that validates against it.
type Spec struct {
	doc *openapi3.T
}

// LoadSpec loads the OpenAPI description at path.
func LoadSpec(path string) (*Spec, error) {
	loader := openapi3.NewLoader()
	doc, err := loader.LoadFromFile(path)
	if err != nil {
		return nil, fmt.Errorf("loading the GitHub OpenAPI description %s: %w", path, err)
	}
	return &Spec{doc: doc}, nil
}

// sharedSpec memoizes the description for the test binary: it is 13 MB and
// takes seconds to load, so it is loaded at most once per process.
var sharedSpec = sync.OnceValues(func() (*Spec, error) {
	path := os.Getenv(SpecEnv)
	if path == "" {
		return nil, nil
	}
	return LoadSpec(path)
})

// SpecFromEnv returns the description named by $INFRAGATE_GITHUB_OPENAPI,
// loaded once per process, or nil when the variable is unset.
func SpecFromEnv() (*Spec, error) { return sharedSpec() }

// ErrSpecRequired is returned by RequireSpec in CI without a description.
var ErrSpecRequired = errors.New(SpecEnv + " is unset: CI must validate against GitHub's OpenAPI description " +
	"(npm install --prefix DIR @octokit/openapi; " + SpecEnv + "=DIR/node_modules/@octokit/openapi/generated/api.github.com.json)")

// RequireSpec is SpecFromEnv, but fails when ci is true and the variable
// is unset, so CI cannot silently skip OpenAPI validation.
func RequireSpec(ci bool) (*Spec, error) {
	s, err := SpecFromEnv()
	if err == nil && s == nil && ci {
		return nil, ErrSpecRequired
	}
	return s, err
}

// validate checks the request against the operation of route.
func (s *Spec) validate(route string, r *http.Request, body []byte) []string {
	method, path, _ := strings.Cut(route, " ")
	item := s.doc.Paths.Value(path)
	if item == nil {
		return []string{"OpenAPI: no path " + path}
	}
	op := item.GetOperation(method)
	if op == nil {
		return []string{"OpenAPI: no operation " + route}
	}
	params := map[string]string{}
	for _, seg := range strings.Split(path, "/") {
		if strings.HasPrefix(seg, "{") && strings.HasSuffix(seg, "}") {
			name := seg[1 : len(seg)-1]
			params[name] = r.PathValue(name)
		}
	}
	req := r.Clone(context.Background())
	req.Body = io.NopCloser(bytes.NewReader(body))
	in := &openapi3filter.RequestValidationInput{
		Request:    req,
		PathParams: params,
		Route:      &routers.Route{Spec: s.doc, Path: path, PathItem: item, Method: method, Operation: op},
		Options: &openapi3filter.Options{
			AuthenticationFunc: openapi3filter.NoopAuthenticationFunc,
			MultiError:         true,
		},
	}
	err := openapi3filter.ValidateRequest(context.Background(), in)
	if err == nil {
		return nil
	}
	var me openapi3.MultiError
	if errors.As(err, &me) {
		var out []string
		for _, e := range me {
			out = append(out, "OpenAPI: "+oneLine(e.Error()))
		}
		return out
	}
	return []string{"OpenAPI: " + oneLine(err.Error())}
}

func oneLine(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if len(s) > 600 {
		s = s[:600] + "…"
	}
	return s
}
