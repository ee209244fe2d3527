package bench

import (
	"encoding/json"
	"fmt"
	"sort"
)

// Counts are the findings of one file (or a whole run).
type Counts struct {
	Failures int
	Warnings int
}

// Result is what one tool reported for a run.
type Result struct {
	Proc      *Proc
	Files     int
	Documents int
	Errors    int
	Total     Counts
	PerFile   map[string]Counts
}

// parseInfragate reads `infragate check -o json`.
func parseInfragate(p *Proc) (*Result, error) {
	var out struct {
		Summary struct {
			Files, Documents, Failures, Warnings, Errors int
		}
		Findings []struct {
			Level string
			ID    string
			File  string
		}
	}
	if err := json.Unmarshal(p.Stdout, &out); err != nil {
		return nil, fmt.Errorf("infragate output (exit %d): %v; stderr: %s", p.Exit, err, tail(p.Stderr))
	}
	r := &Result{Proc: p, Files: out.Summary.Files, Documents: out.Summary.Documents, Errors: out.Summary.Errors,
		Total: Counts{out.Summary.Failures, out.Summary.Warnings}, PerFile: map[string]Counts{}}
	for _, f := range out.Findings {
		c := r.PerFile[f.File]
		switch f.Level {
		case "failure":
			c.Failures++
		case "warning":
			c.Warnings++
		}
		r.PerFile[f.File] = c
	}
	return r, nil
}

// parseConftest reads `conftest test -o json`: one entry per document.
func parseConftest(p *Proc) (*Result, error) {
	var out []struct {
		Filename string
		Failures []json.RawMessage
		Warnings []json.RawMessage
	}
	if err := json.Unmarshal(p.Stdout, &out); err != nil {
		return nil, fmt.Errorf("conftest output (exit %d): %v; stderr: %s", p.Exit, err, tail(p.Stderr))
	}
	r := &Result{Proc: p, PerFile: map[string]Counts{}}
	seen := map[string]bool{}
	for _, e := range out {
		if !seen[e.Filename] {
			seen[e.Filename] = true
			r.Files++
		}
		r.Documents++
		c := r.PerFile[e.Filename]
		c.Failures += len(e.Failures)
		c.Warnings += len(e.Warnings)
		r.PerFile[e.Filename] = c
		r.Total.Failures += len(e.Failures)
		r.Total.Warnings += len(e.Warnings)
	}
	return r, nil
}

// Diff is one file whose counts differ between two results.
type Diff struct {
	File string
	A, B Counts
}

// compare returns the files whose counts differ, sorted by name.
func compare(a, b map[string]Counts) []Diff {
	var out []Diff
	for f, ca := range a {
		if cb := b[f]; ca != cb {
			out = append(out, Diff{f, ca, cb})
		}
	}
	for f, cb := range b {
		if _, ok := a[f]; !ok && cb != (Counts{}) {
			out = append(out, Diff{f, Counts{}, cb})
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].File < out[j].File })
	return out
}
