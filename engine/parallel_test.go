package engine

import (
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/infragate/infragate/parsers"
)

// TestManyDocumentsInParallelKeepOrder checks that a file whose documents
// are evaluated on several goroutines reports exactly what one goroutine
// reports, in the same order.
func TestManyDocumentsInParallelKeepOrder(t *testing.T) {
	var b strings.Builder
	for i := range 200 {
		fmt.Fprintf(&b, "---\nkind: Pod\nmetadata:\n  name: p%d\nspec:\n  hostNetwork: %t\n", i, i%3 == 0)
	}
	policy := writePolicy(t, map[string]string{"p.rego": `package main

deny contains msg if {
	input.spec.hostNetwork
	msg := sprintf("%s uses the host network", [input.metadata.name])
}
`})
	files := []File{{Name: "many.yaml", Content: []byte(b.String()), Parser: parsers.Default()[parsers.YAML]}}
	one := checkCached(t, Options{Policies: []string{policy}, Workers: 1}, files)
	four := checkCached(t, Options{Policies: []string{policy}, Workers: 4}, files)
	if one.Summary.Failures != 67 || one.Summary.Documents != 200 {
		t.Fatalf("summary %+v, want 67 failures in 200 documents", one.Summary)
	}
	if diff := cmp.Diff(one, four); diff != "" {
		t.Errorf("parallel evaluation differs (-1 worker +4 workers):\n%s", diff)
	}
}
