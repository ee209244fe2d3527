package config

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

const full = `check_name: infragate-prod
policies: [policy/]
builtin: false
namespaces: [main, "k8s.*"]
enforcement:
  default: soft-mandatory
  rules:
    IG-AWS-S3-004: advisory
    IG-AWS-*: hard-mandatory
    high: soft-mandatory
approvals:
  approvers: [alice, "@acme/platform"]
  required: 2
  paths:
    - {match: "envs/prod/**", approvers: ["@acme/sre"], required: 2}
    - match: modules/
      approvers: bob
  policy_owners: ["@acme/security"]
waivers:
  file: waivers.yaml
  inline: false
helm:
  render: false
  values:
    charts/app: [charts/app/values-prod.yaml, secrets.yaml]
    charts/db: charts/db/prod.yaml
kustomize:
  render: false
`

func TestParseFull(t *testing.T) {
	c, err := Parse(".infragate.yaml", []byte(full))
	if err != nil {
		t.Fatal(err)
	}
	want := &Config{
		Path:        ".infragate.yaml",
		CheckName:   "infragate-prod",
		Policies:    []string{"policy/"},
		PolicyLines: []int{2},
		Builtin:     false,
		Namespaces:  []string{"main", "k8s.*"},
		Enforcement: Enforcement{Default: SoftMandatory, Rules: []EnforcementRule{
			{Match: "IG-AWS-S3-004", Level: Advisory, Line: 8},
			{Match: "IG-AWS-*", Level: HardMandatory, Line: 9},
			{Match: "high", Level: SoftMandatory, Line: 10},
		}},
		Approvals: Approvals{
			Approvers: []string{"alice", "@acme/platform"},
			Required:  2,
			Paths: []PathRule{
				{Match: "envs/prod/**", Approvers: []string{"@acme/sre"}, Required: 2, Line: 15},
				{Match: "modules/", Approvers: []string{"bob"}, Required: 1, Line: 16},
			},
			PolicyOwners: []string{"@acme/security"},
		},
		Waivers: Waivers{File: "waivers.yaml", FileSet: true, FileLine: 20, FileCol: 9, Inline: false},
		Helm: Helm{Render: false, Values: map[string][]string{
			"charts/app": {"charts/app/values-prod.yaml", "secrets.yaml"},
			"charts/db":  {"charts/db/prod.yaml"},
		}},
		Kustomize: Kustomize{Render: false},
	}
	if d := cmp.Diff(want, c, cmpopts.IgnoreUnexported(PathRule{})); d != "" {
		t.Errorf("config (-want +got):\n%s", d)
	}
	if !c.Approvals.Paths[0].Matches("envs/prod/vpc/main.tf") || c.Approvals.Paths[0].Matches("envs/dev/main.tf") {
		t.Error("envs/prod/** matches wrongly")
	}
	if !c.Approvals.Paths[1].Matches("modules/x/y.tf") {
		t.Error("modules/ should match below it")
	}
}

func TestDefaults(t *testing.T) {
	for _, src := range []string{"", "# only a comment\n", "~\n"} {
		c, err := Parse("x.yaml", []byte(src))
		if err != nil {
			t.Fatalf("%q: %v", src, err)
		}
		if !c.Builtin || c.Enforcement.Default != HardMandatory || !c.Waivers.Inline ||
			c.Waivers.File != DefaultWaiversFile || c.Waivers.FileSet || c.Approvals.Required != 1 || c.CheckName != "infragate" {
			t.Errorf("%q: defaults wrong: %+v", src, c)
		}
	}
	d := t.TempDir()
	c, err := LoadOptional(filepath.Join(d, "none.yaml"))
	if err != nil || c.Path != "" || !c.Builtin {
		t.Errorf("LoadOptional of a missing file: %+v, %v", c, err)
	}
	if _, err := Load(filepath.Join(d, "none.yaml")); err == nil || !strings.Contains(err.Error(), "not found") {
		t.Errorf("Load of a missing file: %v", err)
	}
	f := filepath.Join(d, "c.yaml")
	os.WriteFile(f, []byte("builtin: false\n"), 0o644)
	if c, err := Load(f); err != nil || c.Builtin || c.Path != f {
		t.Errorf("Load: %+v, %v", c, err)
	}
}

func TestErrors(t *testing.T) {
	for _, tc := range []struct{ src, want string }{
		{"chek_name: x\n", `c.yaml:1:1: unknown key "chek_name" in the configuration (known: check_name, policies`},
		{"enforcement:\n  default: hard\n", `c.yaml:2:12: enforcement.default: unknown enforcement level "hard"`},
		{"enforcement:\n  rules:\n    IG-1: blocking\n", `c.yaml:3:11: enforcement.rules.IG-1: unknown enforcement level "blocking"`},
		{"enforcement:\n  rules:\n    \"IG-[\": advisory\n", `c.yaml:3:5: enforcement.rules: bad glob "IG-["`},
		{"enforcement:\n  rules: [a]\n", `c.yaml:2:10: enforcement.rules must be a mapping`},
		{"approvals:\n  paths:\n    - {match: \"a/[b\", approvers: [x]}\n", `c.yaml:3:15: approvals.paths match: glob "a/[b": unclosed [`},
		{"approvals:\n  paths:\n    - {match: a/, approvers: [x], owners: [y]}\n", `c.yaml:3:35: unknown key "owners" in an approvals.paths entry`},
		{"approvals:\n  paths:\n    - {match: a/}\n", `c.yaml:3:7: the approvals.paths entry for "a/" needs approvers`},
		{"approvals:\n  paths:\n    - {approvers: [x]}\n", `c.yaml:3:7: an approvals.paths entry needs match`},
		{"approvals:\n  required: 0\n", `c.yaml:2:13: approvals.required must be a whole number of at least 1, not "0"`},
		{"approvals:\n  approvers: [\"@acme/\"]\n", `c.yaml:2:14: approvals.approvers: "@acme/" is not a user or an @org/team`},
		{"builtin: yes please\n", `c.yaml:1:10: builtin must be true or false`},
		{"namespaces: [\"k8s.[\"]\n", `c.yaml:1:14: namespaces: "k8s.[" is not a package glob`},
		{"namespaces: {a: b}\n", `c.yaml:1:13: namespaces must be a list of strings`},
		{"waivers:\n  inline: 1\n", `c.yaml:2:11: waivers.inline must be true or false`},
		{"helm:\n  render: no\n", `c.yaml:2:11: helm.render must be true or false`},
		{"helm:\n  values:\n    charts/app: [../x.yaml]\n", `c.yaml:3:5: helm.values.charts/app: "../x.yaml" must be a path inside the repository`},
		{"helm:\n  values: [a.yaml]\n", `c.yaml:2:11: helm.values must be a mapping`},
		{"helm:\n  value: {}\n", `c.yaml:2:3: unknown key "value" in helm (known: render, values)`},
		{"kustomize:\n  render: maybe\n", `c.yaml:2:11: kustomize.render must be true or false`},
		{"kustomize:\n  build: true\n", `c.yaml:2:3: unknown key "build" in kustomize (known: render)`},
		{"policies: [/etc]\n", `c.yaml:1:11: policies: "/etc" must be a path inside the repository`},
		{"builtin: true\nbuiltin: false\n", `c.yaml:2:1: the configuration: key "builtin" given twice`},
		{"a: [\n", `c.yaml:1: invalid YAML`},
		{"builtin: true\n---\nbuiltin: false\n", `c.yaml:2: more than one YAML document`},
		{"- a\n", `c.yaml:1:1: the configuration must be a mapping`},
		// A misspelled severity would be a rule id that matches nothing.
		{"enforcement:\n  rules:\n    hihg: advisory\n", `c.yaml:3:5: enforcement.rules: "hihg" is not a severity (critical, high, medium, low, info): write high (a rule id that really is "hihg": quote it)`},
		{"enforcement:\n  rules:\n    HIGH: advisory\n", `c.yaml:3:5: enforcement.rules: "HIGH" is not a severity (critical, high, medium, low, info): write high`},
		{"enforcement:\n  rules:\n    meduim: advisory\n", `write medium`},
		{"enforcement:\n  rules:\n    Critical: advisory\n", `write critical`},
	} {
		_, err := Parse("c.yaml", []byte(tc.src))
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%q:\n got %v\nwant %s", tc.src, err, tc.want)
		}
	}
}

// Rule ids, globs, exact severities and quoted keys are not taken for
// misspelled severities.
func TestEnforcementKeysNotSeverities(t *testing.T) {
	src := "enforcement:\n  rules:\n    high: advisory\n    info: advisory\n    IG-AWS-S3-001: advisory\n    main.deny: advisory\n    \"IG-*\": advisory\n    \"hig\": advisory\n    lo: advisory\n"
	c, err := Parse("c.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	if n := len(c.Enforcement.Rules); n != 7 {
		t.Errorf("%d rules, want 7", n)
	}
}

func TestApproverNormalized(t *testing.T) {
	c, err := Parse("c.yaml", []byte("approvals:\n  approvers: [\"@alice\", acme/sre, \"@acme/platform\"]\n"))
	if err != nil {
		t.Fatal(err)
	}
	if d := cmp.Diff([]string{"alice", "@acme/sre", "@acme/platform"}, c.Approvals.Approvers); d != "" {
		t.Error(d)
	}
}

func TestEnforcementRuleMatch(t *testing.T) {
	r := EnforcementRule{Match: "IG-AWS-*"}
	if !r.IsGlob() || !r.MatchID("IG-AWS-S3-001") || r.MatchID("IG-GCP-1") || r.IsSeverity() {
		t.Error("glob rule")
	}
	if s := (EnforcementRule{Match: "critical"}); !s.IsSeverity() || s.IsGlob() {
		t.Error("severity rule")
	}
}

func TestPolicyPaths(t *testing.T) {
	c, err := Parse(".infragate.yaml", []byte("policies: [policy/, extra/deny.rego]\nwaivers: {file: .infragate/waivers.yaml}\n"))
	if err != nil {
		t.Fatal(err)
	}
	got := c.PolicyPaths([]string{"main.tf", "policy/s3.rego", "policyx/a.rego", ".infragate.yaml",
		".infragate/waivers.yaml", "extra/deny.rego", "extra/other.rego"})
	want := []string{".infragate.yaml", ".infragate/waivers.yaml", "extra/deny.rego", "policy/s3.rego"}
	if d := cmp.Diff(want, got); d != "" {
		t.Error(d)
	}
	// A repository without a configuration: adding one is a policy change.
	if !Default().IsPolicyPath(".infragate.yaml") {
		t.Error("adding .infragate.yaml must count as a policy change")
	}
}
