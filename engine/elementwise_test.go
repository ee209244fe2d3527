package engine

import (
	"sort"
	"strings"
	"testing"

	"github.com/open-policy-agent/opa/v1/ast"
)

// TestRuleKinds checks which rules the engine may evaluate over slices of
// a plan's resource changes (elementwise.go): clean and coll rules may,
// bad rules may not.
func TestRuleKinds(t *testing.T) {
	const lib = `package lib

of_type(t) := [r |
	some i, rc in input.resource_changes
	rc.type == t
	r := {"address": rc.address, "after": rc.change.after, "path": ["resource_changes", i]}
]

deletes contains rc.address if {
	some rc in input.resource_changes
	"delete" in rc.change.actions
}

types := {rc.type | some rc in input.resource_changes}

first := input.resource_changes[0]

n := count(input.resource_changes)

is_plan if is_array(input.resource_changes)

any_public if input.resource_changes[_].change.after.acl == "public-read"

open(cidr) if cidr == "0.0.0.0/0"

pick(t) := rc if {
	some rc in input.resource_changes
	rc.type == t
}
`
	cases := []struct {
		name string
		rule string
		want taint
	}{
		{"iteration", `deny contains msg if {
			rc := input.resource_changes[_]
			rc.type == "aws_s3_bucket"
			rc.change.after.acl == "public-read"
			msg := rc.address
		}`, coll},
		{"some in with index", `deny contains msg if {
			some i, rc in input.resource_changes
			not rc.change.after.versioning
			msg := sprintf("%d %s", [i, rc.address])
		}`, coll},
		{"same index twice", `deny contains msg if {
			some i
			input.resource_changes[i].type == "x"
			msg := input.resource_changes[i].address
		}`, coll},
		{"through a function", `deny contains msg if {
			some r in lib.of_type("aws_s3_bucket")
			r.after.acl == "public-read"
			msg := r.address
		}`, coll},
		{"through a set", `deny contains msg if {
			some a in lib.deletes
			msg := a
		}`, coll},
		{"set by key", `deny contains msg if {
			lib.deletes[msg]
		}`, coll},
		{"membership in a set", `deny contains "x" if {
			"aws_s3_bucket.b" in lib.deletes
		}`, coll},
		{"types guard then elements", `deny contains msg if {
			lib.types["aws_s3_bucket"]
			msg := "has buckets"
		}`, coll},
		{"nested iteration of one change", `deny contains msg if {
			some r in lib.of_type("aws_security_group")
			some j, ing in r.after.ingress
			lib.open(ing.cidr_blocks[_])
			msg := sprintf("%s %d", [r.address, j])
		}`, coll},
		{"count of changes", `deny contains "big" if {
			count(input.resource_changes) > 100
			lib.is_plan
			lib.n > 1
		}`, clean},
		{"other members", `deny contains msg if {
			input.configuration.provider_config.aws.name == "aws"
			msg := object.get(input, ["terraform_version"], "")
		}`, clean},
		{"count of a set", `deny contains "many" if { count(lib.deletes) > 10 }`, bad},
		{"negated set", `deny contains "none" if { not lib.types["aws_s3_bucket"] }`, bad},
		{"negated property of the change", `deny contains "x" if {
			some i
			input.resource_changes[i]
			not input.resource_changes[i].type == "a"
		}`, coll},
		{"aggregate rule", `deny contains "public" if { lib.any_public }`, bad},
		{"two changes", `deny contains msg if {
			a := input.resource_changes[_]
			b := input.resource_changes[_]
			a.address == b.change.after.target
			msg := a.address
		}`, bad},
		{"two collections", `deny contains msg if {
			some a in lib.of_type("x")
			some b in lib.deletes
			msg := concat(" ", [a.address, b])
		}`, bad},
		{"constant index", `deny contains msg if { msg := lib.first.address }`, bad},
		{"single value chosen by a change", `deny contains msg if { msg := lib.pick("x").address }`, bad},
		{"whole changes", `deny contains msg if {
			x := input.resource_changes
			msg := x[_].address
		}`, bad},
		{"whole input", `deny contains msg if {
			walk(input, [p, v])
			msg := "x"
		}`, bad},
		{"input by variable key", `deny contains msg if {
			some k
			input[k][_].type == "x"
			msg := k
		}`, bad},
		{"object.get of the changes", `deny contains msg if {
			some rc in object.get(input, "resource_changes", [])
			msg := rc.address
		}`, bad},
		{"with", `deny contains msg if {
			msg := "x"
			lib.is_plan with input as {}
		}`, bad},
		{"sorted collection", `deny contains msg if {
			msg := concat(",", sort([rc.address | some rc in input.resource_changes]))
		}`, bad},
		{"every", `deny contains "all" if {
			every rc in input.resource_changes { rc.type == "a" }
		}`, bad},
		{"comprehension over one change", `deny contains msg if {
			some rc in input.resource_changes
			tags := {k | some k, _ in rc.change.after.tags}
			not tags.owner
			msg := rc.address
		}`, coll},
		{"comprehension mixing two changes", `deny contains msg if {
			some rc in input.resource_changes
			same := [o.address | some o in input.resource_changes; o.type == rc.type]
			count(same) > 1
			msg := rc.address
		}`, bad},
		{"complete rule of a change", `deny := msg if {
			msg := input.resource_changes[_].address
		}`, bad},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			mods := map[string]string{
				"lib.rego":    lib,
				"policy.rego": "package p\nimport data.lib\n" + tc.rule + "\n",
			}
			c, err := ast.CompileModules(mods)
			if err != nil {
				t.Fatal(err)
			}
			s := newSplitter(c)
			got := s.refKind(ast.MustParseRef("data.p.deny"))
			if got != tc.want {
				t.Errorf("kind = %d, want %d (%s)", got, tc.want, s.why)
			}
		})
	}
}

// TestElementReads checks what rules read of each resource change.
func TestElementReads(t *testing.T) {
	cases := []struct {
		name, rules string
		want        string // keyTree paths, sorted; "*" for the whole change
	}{
		{"keys after a variable", `deny contains msg if {
			rc := input.resource_changes[_]
			object.get(rc, "mode", "managed") == "managed"
			"delete" in rc.change.actions
			count(input.resource_changes) > 1
			is_array(input.resource_changes)
			msg := rc.address
		}`, "address change/actions mode"},
		{"keys after the index", `deny contains msg if {
			some i
			input.resource_changes[i].type == "x"
			msg := input.resource_changes[i].change.after.name
		}`, "change/after/name type"},
		{"other members are not changes", `deny contains msg if {
			rc := input.resource_changes[_]
			input.configuration.x == rc.type
			msg := object.get(input, "format_version", "")
		}`, "type"},
		{"change passed whole", `deny contains msg if {
			rc := input.resource_changes[_]
			f(rc)
			msg := "x"
		}
		f(x) if x.type == "a"`, "*"},
		{"changes as a value", `deny contains msg if {
			cs := input.resource_changes
			msg := cs[_].address
		}`, "*"},
		{"input as a value", `deny contains msg if {
			walk(input, [p, v])
			msg := "x"
		}`, "*"},
		{"input by variable key", `deny contains msg if {
			some k
			input[k][_].type == "x"
			msg := k
		}`, "*"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := treePaths(elementReads(compiledRules(t, tc.rules), nil)); got != tc.want {
				t.Errorf("reads %q, want %q", got, tc.want)
			}
		})
	}
}

// treePaths lists a key tree's leaves, sorted, "*" when it is whole.
func treePaths(t *keyTree) string {
	if t.whole {
		return "*"
	}
	var out []string
	var walk func(prefix string, t *keyTree)
	walk = func(prefix string, t *keyTree) {
		if t.whole || len(t.sub) == 0 {
			out = append(out, prefix)
			return
		}
		for k, s := range t.sub {
			p := k
			if prefix != "" {
				p = prefix + "/" + k
			}
			walk(p, s)
		}
	}
	walk("", t)
	sort.Strings(out)
	return strings.Join(out, " ")
}

func TestCountsChanges(t *testing.T) {
	for _, tc := range []struct {
		rules string
		want  bool
	}{
		{`deny contains "x" if count(input.resource_changes) > 1`, true},
		{`deny contains "x" if { c := input.resource_changes; count(c) > 1 }`, true},
		{`deny contains "x" if is_array(input.resource_changes)`, false},
		{`deny contains x if { x := input.resource_changes[_].address; count(input.other) > 1 }`, false},
	} {
		if got := countsChanges(compiledRules(t, tc.rules), nil); got != tc.want {
			t.Errorf("%s: counts = %v, want %v", tc.rules, got, tc.want)
		}
	}
}

// compiledRules compiles rules in package p and returns them.
func compiledRules(t *testing.T, rules string) []*ast.Rule {
	t.Helper()
	c, err := ast.CompileModules(map[string]string{"p.rego": "package p\n" + rules + "\n"})
	if err != nil {
		t.Fatal(err)
	}
	var out []*ast.Rule
	for _, m := range c.Modules {
		out = append(out, m.Rules...)
	}
	return out
}
