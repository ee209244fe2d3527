package engine

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/metrics"
	"github.com/open-policy-agent/opa/v1/rego"

	"github.com/infragate/infragate/parsers"
)

// TestAppliesSelectsRulesByFormat checks that a document is evaluated only
// against the packages Options.Applies accepts for its file's format, with
// their exceptions, and against everything when the format is unknown.
func TestAppliesSelectsRulesByFormat(t *testing.T) {
	dir := writePolicy(t, map[string]string{
		"a.rego": "package rules.a\nimport rego.v1\ndeny contains \"a\" if true\n",
		"b.rego": "package rules.b\nimport rego.v1\ndeny contains \"b\" if true\nexception contains \"\" if input.skip_b\n",
		"c.rego": "package rules.c\nimport rego.v1\nwarn contains \"c\" if true\n",
	})
	prepared := 0
	applies := func(pkg string, f parsers.Format) bool {
		switch pkg {
		case "rules.a":
			return f == "fa"
		case "rules.b":
			return f == "fb"
		}
		return true
	}
	eng, err := New(context.Background(), Options{
		Policies: []string{dir}, AllNamespaces: true,
		Applies: func(pkg string, f parsers.Format) bool { prepared++; return applies(pkg, f) },
	})
	if err != nil {
		t.Fatal(err)
	}
	in := filepath.Join(t.TempDir(), "in.json")
	if err := os.WriteFile(in, []byte(`{"skip_b": true}`), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		format parsers.Format
		want   []string // messages, with exceptions marked
	}{
		{"fa", []string{"a", "c"}},
		{"fb", []string{"b (exception)", "c"}},
		{"fc", []string{"c"}},
		{"", []string{"a", "b (exception)", "c"}},
		{"fa", []string{"a", "c"}}, // prepared once, reused
	} {
		rep, err := eng.Check(context.Background(), []File{{Name: "in.json", Path: in, Parser: stubParser{}, Format: tc.format}})
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, f := range rep.Findings {
			m := f.Message
			if f.Level == LevelException {
				m += " (exception)"
			}
			got = append(got, m)
		}
		slices.Sort(got)
		if !slices.Equal(got, tc.want) {
			t.Errorf("format %q: findings %q, want %q", tc.format, got, tc.want)
		}
	}
	before := prepared
	if _, err := eng.Check(context.Background(), []File{{Name: "in.json", Path: in, Parser: stubParser{}, Format: "fb"}}); err != nil {
		t.Fatal(err)
	}
	if prepared != before {
		t.Errorf("the query of a format was prepared again (%d -> %d calls of Applies)", before, prepared)
	}
}

func TestLocateQueryHasOnlyItsRules(t *testing.T) {
	dir := writePolicy(t, map[string]string{"p.rego": "package main\n\ndeny contains \"d\" if input.a\n\nwarn contains \"w\" if input.a\n"})
	e, err := New(context.Background(), Options{Policies: []string{dir}})
	if err != nil {
		t.Fatal(err)
	}
	var deny *ruleRef
	for i := range e.rules {
		if e.rules[i].name == "deny" {
			deny = &e.rules[i]
		}
	}
	if deny == nil || len(e.rules) != 2 {
		t.Fatalf("rules: %+v", e.rules)
	}
	q := e.locateQuery(context.Background(), map[*ruleRef]bool{deny: true})
	if q == nil {
		t.Fatal("no query")
	}
	if again := e.locateQuery(context.Background(), map[*ruleRef]bool{deny: true}); again != q {
		t.Error("the query is prepared again for the same rules")
	}
	input, _ := ast.InterfaceToValue(map[string]any{"a": true})
	b, errs := e.eval(context.Background(), input, fileScope{query: q})
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	if len(b) != 1 || b[deny.bind] == nil {
		t.Errorf("bindings %v, want only %s (deny)", b, deny.bind)
	}
}

// TestComprehensionIndexShared checks that an indexed comprehension in a
// function is indexed once per evaluation, not once per call
// (comprehensionCacheStart).
func TestComprehensionIndexShared(t *testing.T) {
	dir := writePolicy(t, map[string]string{"p.rego": `package main

of_kind(k) := [x.name | some x in input.items; x.kind == k]

deny contains msg if {
	some k in ["a", "b", "c", "d"]
	some n in of_kind(k)
	msg := sprintf("%s %s", [k, n])
}
`})
	e, err := New(context.Background(), Options{Policies: []string{dir}})
	if err != nil {
		t.Fatal(err)
	}
	input := ast.MustParseTerm(`{"items": [{"kind": "a", "name": "x"}, {"kind": "b", "name": "y"}, {"kind": "c", "name": "z"}]}`).Value
	m := metrics.New()
	all, err := e.allRules(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	rs, err := all.Eval(context.Background(), rego.EvalParsedInput(input), rego.EvalInstrument(true), rego.EvalMetrics(m))
	if err != nil || len(rs) != 1 {
		t.Fatalf("eval: %v %v", rs, err)
	}
	counters := m.All()
	// Two indexes: of_kind's and the one that starts every query.
	if got := counters["counter_eval_op_comprehension_cache_build"]; got != uint64(2) {
		t.Errorf("comprehensions indexed %v times, want twice (metrics %v)", got, counters)
	}
	if got, _ := counters["counter_eval_op_comprehension_cache_hit"].(uint64); got < 3 {
		t.Errorf("%d index hits, want at least 3 (one per kind after the first)", got)
	}
}
