package engine

import (
	"context"
	"fmt"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/infragate/infragate/parsers"
)

// A builtin error stops only the rules that hit it: the other rules'
// findings of the same document are kept (as conftest shows them), next to
// the error, which blocks. String-only findings are still located, and a
// document with an error is never remembered as giving nothing.
func TestBuiltinErrorKeepsFindings(t *testing.T) {
	dir := writePolicy(t, map[string]string{"p.rego": `package main

deny contains "bad tag" if {
	some v in input.tags
	startswith(v, "bad")
}

deny_other contains "other failure" if input.tags

warn contains "a warning" if input.tags
`})
	src := "tags:\n  a: badx\n  b: 5\n---\ntags:\n  b: 5\n---\ntags:\n  b: 5\n"
	e, err := New(context.Background(), Options{Policies: []string{dir}})
	if err != nil {
		t.Fatal(err)
	}
	rep, err := e.Check(context.Background(), []File{{Name: "tags.yaml", Content: []byte(src), Parser: parsers.Default()[parsers.YAML]}})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, f := range rep.Findings {
		msg := f.Message
		if f.IsError() {
			msg = "eval-error"
		}
		got = append(got, fmt.Sprintf("%d:%d %s %s blocking=%t", f.Document, f.StartLine, f.Level, msg, f.Blocking))
	}
	slices.Sort(got)
	want := []string{
		"0:1 failure eval-error blocking=true",
		"0:1 failure other failure blocking=true",
		"0:1 warning a warning blocking=false",
		"0:2 failure bad tag blocking=true",
		"1:5 failure eval-error blocking=true",
		"1:5 failure other failure blocking=true",
		"1:5 warning a warning blocking=false",
		"2:8 failure eval-error blocking=true",
		"2:8 failure other failure blocking=true",
		"2:8 warning a warning blocking=false",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("findings (-want +got):\n%s", diff)
	}
}
