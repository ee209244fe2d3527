package engine

import (
	"context"
	"testing"

	"github.com/infragate/infragate/parsers"
)

// originParser gives a built document (as a kustomization's): lines in
// the kustomization, values written in a base manifest.
type originParser struct{}

func (originParser) Parse(string, []byte) ([]parsers.Document, error) {
	v := map[string]any{"kind": "Deployment", "image": "nginx:latest", "replicas": "1",
		"securityContext": map[string]any{"runAsNonRoot": true}}
	m := &parsers.SourceMap{}
	m.Set(parsers.Path{}, parsers.Range{StartLine: 3, EndLine: 3})
	m.Set(parsers.Path{"image"}, parsers.Range{StartLine: 7, EndLine: 8})
	m.Set(parsers.Path{"replicas"}, parsers.Range{StartLine: 3, EndLine: 3})
	m.Set(parsers.Path{"securityContext"}, parsers.Range{StartLine: 3, EndLine: 3})
	return []parsers.Document{{Value: v, Range: parsers.Range{StartLine: 3, EndLine: 3}, Map: m,
		Origins: map[string]parsers.Origin{
			"":                 {File: "base/deploy.yaml", Range: parsers.Range{StartLine: 1, EndLine: 20}},
			"/replicas":        {File: "base/deploy.yaml", Range: parsers.Range{StartLine: 5, EndLine: 5}},
			"/securityContext": {File: "base/deploy.yaml", Range: parsers.Range{StartLine: 11, EndLine: 12}},
		}}}, nil
}

func TestFindingOrigins(t *testing.T) {
	dir := writePolicy(t, map[string]string{"p.rego": `package main
deny contains {"msg": "replicas", "path": ["replicas"]} if input.replicas
deny contains "latest" if endswith(input.image, ":latest")
deny contains "no privileged flag" if not input.securityContext.privileged
deny contains {"msg": "whole"} if input.kind
`})
	e, err := New(context.Background(), Options{Policies: []string{dir}})
	if err != nil {
		t.Fatal(err)
	}
	rep, err := e.Check(context.Background(), []File{{Name: "prod/kustomization.yaml", Content: []byte("x"), Parser: originParser{}}})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]struct {
		line   int
		origin string
		oline  int
	}{
		"replicas":           {3, "base/deploy.yaml", 5},
		"latest":             {7, "", 0}, // the kustomization changed it: no origin
		"no privileged flag": {3, "base/deploy.yaml", 11},
		"whole":              {3, "base/deploy.yaml", 1},
	}
	if len(rep.Findings) != len(want) {
		t.Fatalf("got %d findings: %+v", len(rep.Findings), rep.Findings)
	}
	for _, f := range rep.Findings {
		w := want[f.Message]
		if f.StartLine != w.line {
			t.Errorf("%s: line %d, want %d", f.Message, f.StartLine, w.line)
		}
		switch {
		case w.origin == "" && f.Origin != nil:
			t.Errorf("%s: origin %+v, want none", f.Message, *f.Origin)
		case w.origin != "" && (f.Origin == nil || f.Origin.File != w.origin || f.Origin.StartLine != w.oline):
			t.Errorf("%s: origin %+v, want %s:%d", f.Message, f.Origin, w.origin, w.oline)
		}
	}
}
