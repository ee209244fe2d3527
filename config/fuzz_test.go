package config

import (
	"errors"
	"testing"
)

// FuzzConfig checks that any input either parses into a valid configuration
// or fails with a positioned *Error, and never panics.
func FuzzConfig(f *testing.F) {
	for _, s := range []string{
		full,
		"",
		"builtin: false\n",
		"enforcement: {default: advisory, rules: {\"IG-*\": soft-mandatory, high: hard-mandatory}}\n",
		"approvals: {paths: [{match: \"envs/prod/**\", approvers: [\"@acme/sre\"], required: 2}]}\n",
		"waivers: {file: w.yaml, inline: false}\n",
		"a: &x [1]\nb: *x\n",
		"approvals: &a {required: 1}\n",
		"- 1\n",
		"{",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		c, err := Parse("f.yaml", src)
		if err != nil {
			var ce *Error
			if !errors.As(err, &ce) {
				t.Fatalf("error without a position: %T %v", err, err)
			}
			return
		}
		if _, err := ParseLevel(string(c.Enforcement.Default)); err != nil {
			t.Fatalf("invalid default level accepted: %v", err)
		}
		for _, r := range c.Enforcement.Rules {
			if _, err := ParseLevel(string(r.Level)); err != nil || r.Match == "" {
				t.Fatalf("invalid rule accepted: %+v", r)
			}
		}
		if c.Approvals.Required < 1 {
			t.Fatalf("required %d accepted", c.Approvals.Required)
		}
		for _, p := range c.Approvals.Paths {
			if p.Match == "" || len(p.Approvers) == 0 || p.Required < 1 {
				t.Fatalf("invalid path rule accepted: %+v", p)
			}
		}
	})
}
