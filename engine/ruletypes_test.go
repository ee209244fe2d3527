package engine

import (
	"strings"
	"testing"
)

// A rule value or result of the wrong type is named by its JSON (OPA) type
// name, not Go's.
func TestRuleValueTypeNames(t *testing.T) {
	tests := []struct{ rule, want string }{
		{`deny_num := 3`, "p.rego:2) has a value of type number; return a set of messages"},
		{`deny_float := 3.5`, "has a value of type number;"},
		{`deny contains [1] if true`, "a result must be a string or an object with \"msg\", got array"},
		{`deny contains 2 if true`, "got number"},
		{`deny contains null if true`, "got null"},
		{`deny contains true if true`, "got boolean"},
	}
	for _, tt := range tests {
		t.Run(tt.rule, func(t *testing.T) {
			dir := writePolicy(t, map[string]string{"p.rego": "package main\n" + tt.rule + "\n"})
			rep := run(t, Options{Policies: []string{dir}}, `{}`)
			if len(rep.Findings) != 1 || !rep.Findings[0].IsError() || !strings.Contains(rep.Findings[0].Message, tt.want) {
				t.Fatalf("want one error with %q, got %+v", tt.want, rep.Findings)
			}
		})
	}
}
