package engine

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/rego"

	"github.com/infragate/infragate/parsers"
)

// checkFixtures evaluates policy (one module) over fixture files from
// testdata/locate with the real parsers and returns "message" ->
// "start-end path" for every finding.
func checkFixtures(t *testing.T, version ast.RegoVersion, policy string, fixtures ...string) map[string]string {
	t.Helper()
	rep := checkWith(t, version, policy, false, fixtures...)
	got := map[string]string{}
	for _, f := range rep.Findings {
		if f.ID == IDEvalError || f.ID == IDParseError {
			t.Fatalf("error finding: %+v", f)
		}
		got[f.Message] = fmt.Sprintf("%d-%d %s", f.StartLine, f.EndLine, f.Path)
	}
	return got
}

func checkWith(t testing.TB, version ast.RegoVersion, policy string, noTrace bool, fixtures ...string) *Report {
	t.Helper()
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "p.rego"), []byte(policy), 0o644); err != nil {
		t.Fatal(err)
	}
	e, err := New(context.Background(), Options{Policies: []string{dir}, RegoVersion: version, Workers: 1})
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	e.noTraceLocate = noTrace
	reg := parsers.Default()
	var files []File
	for _, name := range fixtures {
		format, _ := parsers.DetectFormat(name)
		files = append(files, File{Name: name, Path: filepath.Join("testdata", "locate", name), Parser: reg[format]})
	}
	rep, err := e.Check(context.Background(), files)
	if err != nil {
		t.Fatalf("Check: %v", err)
	}
	return rep
}

const k8sHelpersV1 = `package main

import rego.v1

workload_kinds := {"Deployment", "StatefulSet", "DaemonSet"}

pod_spec := input.spec.template.spec if workload_kinds[input.kind]

pod_spec := input.spec if input.kind == "Pod"

containers contains c if some c in pod_spec.containers

name := object.get(input, ["metadata", "name"], "unnamed")
`

func TestLocateMessages(t *testing.T) {
	cases := []struct {
		name     string
		version  ast.RegoVersion
		fixture  string
		policy   string
		want     map[string]string
		resource map[string]string // message -> Finding.Resource, when checked
	}{
		{
			name: "s3 public acl, two buckets, v1", version: ast.RegoV1, fixture: "buckets.tf",
			policy: `package main
import rego.v1
public_acls := {"public-read", "public-read-write"}
deny contains msg if {
	some name, blocks in input.resource.aws_s3_bucket
	some b in blocks
	b.acl in public_acls
	msg := sprintf("bucket %s is public", [name])
}`,
			want: map[string]string{
				"bucket logs is public":   "3-3 /resource/aws_s3_bucket/logs/0/acl",
				"bucket assets is public": "17-17 /resource/aws_s3_bucket/assets/0/acl",
			},
			resource: map[string]string{"bucket logs is public": "aws_s3_bucket.logs"},
		},
		{
			name: "s3 public acl, v0", version: ast.RegoV0, fixture: "buckets.tf",
			policy: `package main
public_acls = {"public-read", "public-read-write"}
deny[msg] {
	b := input.resource.aws_s3_bucket[name][_]
	public_acls[b.acl]
	msg := sprintf("bucket %s is public", [name])
}`,
			want: map[string]string{
				"bucket logs is public":   "3-3 /resource/aws_s3_bucket/logs/0/acl",
				"bucket assets is public": "17-17 /resource/aws_s3_bucket/assets/0/acl",
			},
		},
		{
			// A count of the buckets is about all of them: the range
			// spans their blocks, not the first one's header.
			name: "aggregate over blocks", version: ast.RegoV1, fixture: "buckets.tf",
			policy: `package main
import rego.v1
deny contains "too many buckets" if count(input.resource.aws_s3_bucket) > 2
deny contains msg if {
	a := input.resource.aws_s3_bucket.logs[_]
	b := input.resource.aws_s3_bucket.assets[_]
	a.acl != b.acl
	msg := "logs and assets differ"
}`,
			want: map[string]string{
				"too many buckets":       "1-18 /resource/aws_s3_bucket",
				"logs and assets differ": "1-18 /resource/aws_s3_bucket",
			},
		},
		{
			// The element's Type picks the resources the rule is about:
			// the finding is the property it checks, not the resource.
			name: "CloudFormation Type is a guard", version: ast.RegoV1, fixture: "stack.yaml",
			policy: `package main
import rego.v1
deny contains msg if {
	r := input.Resources[name]
	r.Type == "AWS::S3::Bucket"
	r.Properties.AccessControl == "PublicRead"
	msg := sprintf("%s: public ACL", [name])
}
deny contains msg if {
	r := input.Resources[name]
	r.Type == "AWS::S3::Bucket"
	msg := sprintf("%s: a bucket", [name])
}`,
			want: map[string]string{
				"Bucket: public ACL": "7-7 /Resources/Bucket/Properties/AccessControl",
				// Only the Type was read: the Type is what it is about.
				"Bucket: a bucket": "4-4 /Resources/Bucket/Type",
			},
		},
		{
			name: "a List item's kind is a guard", version: ast.RegoV1, fixture: "list.yaml",
			policy: `package main
import rego.v1
deny contains msg if {
	item := input.items[_]
	item.kind == "Deployment"
	item.spec.replicas < 2
	msg := sprintf("%s has one replica", [item.metadata.name])
}`,
			want: map[string]string{"web has one replica": "9-9 /items/0/spec/replicas"},
		},
		{
			name: "object result without path, function", version: ast.RegoV1, fixture: "buckets.tf",
			policy: `package main
import rego.v1
is_public(b) if b.acl in {"public-read", "public-read-write"}
deny contains {"msg": msg, "severity": "high"} if {
	some name, b in input.resource.aws_s3_bucket[_]
	is_public(b)
	msg := "public bucket"
}`,
			// Both buckets give the same result: the first derivation wins.
			want: map[string]string{"public bucket": "17-17 /resource/aws_s3_bucket/assets/0/acl"},
		},
		{
			// The rule reads cidr_blocks, from_port and to_port of one
			// ingress block: their longest common prefix is the block.
			name: "security group inline ingress", version: ast.RegoV1, fixture: "network.tf",
			policy: `package main
import rego.v1
deny contains msg if {
	some name, blocks in input.resource.aws_security_group
	some sg in blocks
	some rule in sg.ingress
	"0.0.0.0/0" in rule.cidr_blocks
	rule.from_port <= 22
	rule.to_port >= 22
	msg := sprintf("aws_security_group.%s allows SSH from the internet", [name])
}`,
			want: map[string]string{
				"aws_security_group.bastion allows SSH from the internet": "10-15 /resource/aws_security_group/bastion/0/ingress/1",
			},
		},
		{
			name: "negation: missing attribute -> block, false -> attribute, v1", version: ast.RegoV1, fixture: "network.tf",
			policy: `package main
import rego.v1
deny contains msg if {
	some name, blocks in input.resource.aws_db_instance
	some db in blocks
	not db.storage_encrypted == true
	msg := sprintf("aws_db_instance.%s storage is not encrypted", [name])
}`,
			want: map[string]string{
				"aws_db_instance.main storage is not encrypted":    "18-21 /resource/aws_db_instance/main/0",
				"aws_db_instance.replica storage is not encrypted": "25-25 /resource/aws_db_instance/replica/0/storage_encrypted",
			},
			resource: map[string]string{"aws_db_instance.main storage is not encrypted": "aws_db_instance.main"},
		},
		{
			name: "negation, v0", version: ast.RegoV0, fixture: "network.tf",
			policy: `package main
deny[msg] {
	db := input.resource.aws_db_instance[name][_]
	not db.storage_encrypted
	msg := sprintf("%s unencrypted", [name])
}`,
			want: map[string]string{
				"main unencrypted":    "18-21 /resource/aws_db_instance/main/0",
				"replica unencrypted": "25-25 /resource/aws_db_instance/replica/0/storage_encrypted",
			},
		},
		{
			name: "k8s privileged through helper rules, second document", version: ast.RegoV1, fixture: "workloads.yaml",
			policy: k8sHelpersV1 + `
deny contains msg if {
	some c in containers
	c.securityContext.privileged == true
	msg := sprintf("%s/%s: container %s must not be privileged", [input.kind, name, c.name])
}`,
			want: map[string]string{
				"Deployment/web: container app must not be privileged": "28-28 /spec/template/spec/containers/0/securityContext/privileged",
			},
			resource: map[string]string{"Deployment/web: container app must not be privileged": "Deployment/web"},
		},
		{
			name: "k8s missing memory limit -> container", version: ast.RegoV1, fixture: "workloads.yaml",
			policy: k8sHelpersV1 + `
deny contains msg if {
	some c in containers
	not c.resources.limits.memory
	msg := sprintf("container %s has no memory limit", [c.name])
}`,
			want: map[string]string{
				"container sidecar has no memory limit": "30-34 /spec/template/spec/containers/1",
			},
		},
		{
			name: "k8s guard on kind, v0", version: ast.RegoV0, fixture: "workloads.yaml",
			policy: `package main
deny[msg] {
	input.kind == "Deployment"
	c := input.spec.template.spec.containers[_]
	c.securityContext.privileged
	msg := sprintf("%s is privileged", [c.name])
}`,
			want: map[string]string{"app is privileged": "28-28 /spec/template/spec/containers/0/securityContext/privileged"},
		},
		{
			// Only the kind was compared; the name only builds the message.
			name: "k8s guard on kind alone -> document", version: ast.RegoV1, fixture: "workloads.yaml",
			policy: `package main
import rego.v1
deny contains msg if {
	input.kind == "Deployment"
	msg := sprintf("deployment %s", [input.metadata.name])
}
deny contains msg if {
	input.apiVersion == "v1"
	input.kind == "ConfigMap"
	msg := "a config map"
}
deny contains msg if {
	input.kind == "Deployment"
	input.spec.replicas > 1
	msg := "replicas"
}`,
			want: map[string]string{
				"deployment web": "8-34 ",
				"a config map":   "1-6 ",
				"replicas":       "15-15 /spec/replicas",
			},
		},
		{
			name: "object.get: present -> attribute, default -> container", version: ast.RegoV1, fixture: "workloads.yaml",
			policy: k8sHelpersV1 + `
deny contains msg if {
	some c in containers
	object.get(c, ["securityContext", "runAsNonRoot"], false) == false
	msg := sprintf("container %s may run as root", [c.name])
}`,
			want: map[string]string{
				"container app may run as root":     "29-29 /spec/template/spec/containers/0/securityContext/runAsNonRoot",
				"container sidecar may run as root": "30-34 /spec/template/spec/containers/1",
			},
		},
		{
			name: "walk", version: ast.RegoV1, fixture: "workloads.yaml",
			policy: `package main
import rego.v1
deny contains msg if {
	walk(input, [path, value])
	value.privileged == true
	msg := sprintf("privileged at %v", [path])
}`,
			want: map[string]string{
				`privileged at ["spec", "template", "spec", "containers", 0, "securityContext"]`: "28-28 /spec/template/spec/containers/0/securityContext/privileged",
			},
		},
		{
			name: "every", version: ast.RegoV1, fixture: "workloads.yaml",
			policy: k8sHelpersV1 + `
deny contains msg if {
	some c in containers
	c.env
	every e in c.env { e.name != "LOG_LEVEL" }
	msg := sprintf("container %s does not set LOG_LEVEL", [c.name])
}`,
			want: map[string]string{"container app does not set LOG_LEVEL": "21-23 /spec/template/spec/containers/0/env"},
		},
		{
			name: "comprehension and function", version: ast.RegoV1, fixture: "workloads.yaml",
			policy: k8sHelpersV1 + `
host_ports(c) := [p | some p in c.ports; p.hostPort]
deny contains msg if {
	some c in containers
	count(host_ports(c)) > 0
	msg := sprintf("container %s uses host ports", [c.name])
}
deny contains msg if {
	ps := [p | some c in containers; some p in c.ports; p.hostPort > 0]
	count(ps) > 0
	msg := "host ports in use"
}`,
			want: map[string]string{
				"container sidecar uses host ports": "33-34 /spec/template/spec/containers/1/ports/0",
				"host ports in use":                 "33-34 /spec/template/spec/containers/1/ports/0",
			},
		},
		{
			name: "document-level checks", version: ast.RegoV1, fixture: "workloads.yaml",
			policy: `package main
import rego.v1
deny contains "too many replicas" if {
	input.kind == "Deployment"
	input.spec.replicas > 1
}
deny contains "no namespace" if {
	input.kind == "Deployment"
	not input.metadata.namespace
}`,
			want: map[string]string{
				"too many replicas": "15-15 /spec/replicas",
				"no namespace":      "10-13 /metadata",
			},
		},
		{
			name: "message names the address, rule reads the whole map", version: ast.RegoV1, fixture: "buckets.tf",
			policy: `package main
import rego.v1
deny contains "aws_s3_bucket.assets is listed" if count(input.resource.aws_s3_bucket) > 2
`,
			want: map[string]string{"aws_s3_bucket.assets is listed": "15-18 /resource/aws_s3_bucket/assets/0"},
		},
		{
			name: "negated function call, v0", version: ast.RegoV0, fixture: "network.tf",
			policy: `package main
encrypted(db) { db.storage_encrypted == true }
deny[msg] {
	db := input.resource.aws_db_instance[name][_]
	not encrypted(db)
	msg := sprintf("%s unencrypted", [name])
}`,
			want: map[string]string{
				"main unencrypted":    "18-21 /resource/aws_db_instance/main/0",
				"replica unencrypted": "25-25 /resource/aws_db_instance/replica/0/storage_encrypted",
			},
		},
		{
			name: "partial object helper and a set of names", version: ast.RegoV1, fixture: "buckets.tf",
			policy: `package main
import rego.v1
open_buckets[name] := b if {
	some name, blocks in input.resource.aws_s3_bucket
	some b in blocks
	startswith(b.acl, "public")
}
open_names contains name if some name, _ in open_buckets
deny contains msg if {
	some name in open_names
	msg := sprintf("names: %s", [name])
}
deny contains msg if {
	some name, b in open_buckets
	b.bucket != "x"
	msg := sprintf("objects: %s", [name])
}`,
			want: map[string]string{
				// the helper's filter (acl) explains the element
				"names: logs":   "3-3 /resource/aws_s3_bucket/logs/0/acl",
				"names: assets": "17-17 /resource/aws_s3_bucket/assets/0/acl",
				// the helper's filter and the rule's own check, both in
				// the bucket block
				"objects: logs":   "1-8 /resource/aws_s3_bucket/logs/0",
				"objects: assets": "15-18 /resource/aws_s3_bucket/assets/0",
			},
		},
		{
			name: "boolean helper rule and else", version: ast.RegoV1, fixture: "workloads.yaml",
			policy: `package main
import rego.v1
is_privileged if input.spec.template.spec.containers[_].securityContext.privileged
level := "high" if { is_privileged } else := "low"
deny contains msg if {
	level == "high"
	msg := "privileged workload"
}`,
			want: map[string]string{"privileged workload": "28-28 /spec/template/spec/containers/0/securityContext/privileged"},
		},
		{
			name: "nothing read from the input stays on the document", version: ast.RegoV1, fixture: "buckets.tf",
			policy: `package main
import rego.v1
deny contains "always" if true
`,
			want: map[string]string{"always": "1-18 "},
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got := checkFixtures(t, tc.version, tc.policy, tc.fixture)
			if d := cmp.Diff(tc.want, got); d != "" {
				t.Errorf("locations (-want +got):\n%s", d)
			}
			if tc.resource != nil {
				rep := checkWith(t, tc.version, tc.policy, false, tc.fixture)
				for _, f := range rep.Findings {
					if w, ok := tc.resource[f.Message]; ok && f.Resource != w {
						t.Errorf("%s: resource %q, want %q", f.Message, f.Resource, w)
					}
				}
			}
		})
	}
}

// TestLocateCombined checks locating in --combine mode, where the input is
// an array of {path, contents} over all files.
func TestLocateCombined(t *testing.T) {
	dir := t.TempDir()
	policy := `package main
import rego.v1
deny contains msg if {
	some f in input
	some name, b in f.contents.resource.aws_s3_bucket[_]
	b.acl == "public-read"
	msg := sprintf("%s: %s", [f.path, name])
}`
	if err := os.WriteFile(filepath.Join(dir, "p.rego"), []byte(policy), 0o644); err != nil {
		t.Fatal(err)
	}
	e, err := New(context.Background(), Options{Policies: []string{dir}})
	if err != nil {
		t.Fatal(err)
	}
	reg := parsers.Default()
	var files []File
	for _, name := range []string{"network.tf", "buckets.tf"} {
		files = append(files, File{Name: name, Path: filepath.Join("testdata", "locate", name), Parser: reg[parsers.HCL]})
	}
	rep, err := e.CheckCombined(context.Background(), files)
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Findings) != 1 {
		t.Fatalf("want one finding, got %+v", rep.Findings)
	}
	f := rep.Findings[0]
	if got := fmt.Sprintf("%s:%d %s", f.File, f.StartLine, f.Path); got != "buckets.tf:3 /resource/aws_s3_bucket/logs/0/acl" {
		t.Errorf("got %s", got)
	}

	// A rule that reads only an entry's path lands on that entry's
	// document, not on the first file.
	policy = `package main
import rego.v1
deny contains msg if {
	some f in input
	endswith(f.path, "network.tf")
	msg := sprintf("bad %s", [f.path])
}`
	if err := os.WriteFile(filepath.Join(dir, "p.rego"), []byte(policy), 0o644); err != nil {
		t.Fatal(err)
	}
	if e, err = New(context.Background(), Options{Policies: []string{dir}}); err != nil {
		t.Fatal(err)
	}
	if rep, err = e.CheckCombined(context.Background(), files); err != nil {
		t.Fatal(err)
	}
	if len(rep.Findings) != 1 {
		t.Fatalf("want one finding, got %+v", rep.Findings)
	}
	f = rep.Findings[0]
	if got := fmt.Sprintf("%s:%d %q", f.File, f.StartLine, f.Path); got != `network.tf:1 ""` {
		t.Errorf("a rule about network.tf's path: got %s", got)
	}
}

// TestLocateOff checks that the same findings come out, with the same
// messages, whether or not they are located.
func TestLocateOff(t *testing.T) {
	policy := k8sHelpersV1 + `
deny contains msg if {
	some c in containers
	not c.resources.limits.memory
	msg := sprintf("container %s has no memory limit", [c.name])
}`
	on := checkWith(t, ast.RegoV1, policy, false, "workloads.yaml")
	off := checkWith(t, ast.RegoV1, policy, true, "workloads.yaml")
	if len(on.Findings) != 1 || len(off.Findings) != 1 || on.Findings[0].Message != off.Findings[0].Message {
		t.Fatalf("findings differ:\n%+v\n%+v", on.Findings, off.Findings)
	}
	if off.Findings[0].StartLine != 8 || on.Findings[0].StartLine != 30 {
		t.Fatalf("lines: off %d (want the document, 8), on %d (want 30)", off.Findings[0].StartLine, on.Findings[0].StartLine)
	}
}

// TestLocateGivesUp checks that a failed re-evaluation leaves findings
// unlocated instead of dropping them.
func TestLocateGivesUp(t *testing.T) {
	dir := writePolicy(t, map[string]string{"p.rego": `package main
deny contains "x" if input.a
warn contains "slow" if count([x | some x in numbers.range(1, 100000000); x > 0]) > 0
`})
	e, err := New(context.Background(), Options{Policies: []string{dir}})
	if err != nil {
		t.Fatal(err)
	}
	input := ast.MustParseTerm(`{"a": true}`).Value
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	rule := &e.rules[0]
	if rule.name != "deny" {
		t.Fatalf("rule order: %+v", e.rules)
	}
	paths := e.locateTraced(ctx, subject{input: input}, []result{{msg: "x", rule: rule}})
	if len(paths) != 1 || paths[0] != nil {
		t.Fatalf("cancelled: want one nil path, got %v", paths)
	}
}

// TestInputTermIdentity pins the OPA behaviour locating depends on (not a
// documented guarantee): variables bound from the input are bound to the
// very term objects of the input, also through sets, rule values,
// function arguments, walk and object.get; and results do not change when
// the input's terms carry locations.
func TestInputTermIdentity(t *testing.T) {
	dir := writePolicy(t, map[string]string{"p.rego": `package main
import rego.v1
items contains x if some x in input.list
first := input.list[0]
f(y) := y.v
direct contains x if { x := input.obj.a }
viaset contains x if { some x in items }
viarule contains x if { x := first }
viafunc contains x if { x := f(input.obj) }
viawalk contains x if { walk(input.obj, [p, x]); p == ["a"] }
viaget contains x if { x := object.get(input, ["obj", "a"], 0) }
deny contains "d" if input.obj
`})
	e, err := New(context.Background(), Options{Policies: []string{dir}})
	if err != nil {
		t.Fatal(err)
	}
	input := ast.MustParseTerm(`{"list": [{"k": 1}, {"k": 2}], "obj": {"a": {"b": true}, "v": "s"}}`).Value
	l := &locator{e: e, targets: map[*ast.Rule]*target{}, infos: map[*ast.Rule]*ruleInfo{}, recs: map[*ast.Rule][]*exitRecord{}}
	l.in = newInputTable(input)
	plain, errs := e.eval(context.Background(), input, fileScope{})
	if errs != nil {
		t.Fatal(errs)
	}
	traced, errs := e.eval(context.Background(), l.in.root, fileScope{}, rego.EvalQueryTracer(exitTracer{l}))
	if errs != nil {
		t.Fatal(errs)
	}
	if d := cmp.Diff(plain, traced); d != "" {
		t.Fatalf("results change with located terms:\n%s", d)
	}
	want := map[string][]string{
		"direct":  {"/obj/a"},
		"viaset":  {"/list/0", "/list/1"},
		"viarule": {"/list/0"},
		"viafunc": {"/obj/v"},
		"viawalk": {"/obj/a"},
		"viaget":  {"/obj/a"},
	}
	// The rules above are not evaluated by the query (only deny is); ask
	// for them explicitly through a second query on the same compiler.
	q, err := rego.New(rego.Compiler(e.compiler), rego.Query("data.main")).PrepareForEval(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	l.recs = map[*ast.Rule][]*exitRecord{}
	if _, err := q.Eval(context.Background(), rego.EvalParsedInput(l.in.root), rego.EvalQueryTracer(exitTracer{l})); err != nil {
		t.Fatal(err)
	}
	got := map[string][]string{}
	for r, recs := range l.recs {
		name := r.Head.Name.String()
		if len(r.Head.Reference) > 0 {
			name = r.Head.Reference[0].String()
		}
		if _, ok := want[name]; !ok {
			continue
		}
		for _, rec := range recs {
			p, ok := l.in.pathOf(rec.key)
			if !ok {
				got[name] = append(got[name], "no location: "+rec.key.String())
				continue
			}
			got[name] = append(got[name], p.String())
		}
	}
	for k := range got {
		sortStrings(got[k])
	}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("bound terms lost their identity (-want +got):\n%s", d)
	}
}

func sortStrings(s []string) {
	for i := range s {
		for j := i + 1; j < len(s); j++ {
			if s[j] < s[i] {
				s[i], s[j] = s[j], s[i]
			}
		}
	}
}

// BenchmarkLocate measures a check with and without locating string-only
// results over a corpus: INFRAGATE_CORPUS is the corpus root,
// INFRAGATE_CORPUS_LIST an optional file of paths relative to it (one per
// line), INFRAGATE_CORPUS_N the sample size (default 500) and
// INFRAGATE_POLICY the policy directory (default testdata/locate/policy).
// It reports the share of unlocated-by-policy findings that land deeper
// than the document root.
func BenchmarkLocate(b *testing.B) {
	root := os.Getenv("INFRAGATE_CORPUS")
	if root == "" {
		b.Skip("INFRAGATE_CORPUS not set")
	}
	n := 500
	if s := os.Getenv("INFRAGATE_CORPUS_N"); s != "" {
		if v, err := strconv.Atoi(s); err == nil && v > 0 {
			n = v
		}
	}
	names := corpusSample(b, root, os.Getenv("INFRAGATE_CORPUS_LIST"), n)
	policy := os.Getenv("INFRAGATE_POLICY")
	if policy == "" {
		policy = filepath.Join("testdata", "locate", "policy")
	}
	reg := parsers.Default()
	var files []File
	for _, name := range names {
		format, ok := parsers.DetectFormat(name)
		if !ok {
			continue
		}
		src, err := os.ReadFile(filepath.Join(root, name))
		if err != nil {
			continue
		}
		files = append(files, File{Name: name, Content: src, Parser: reg[format]})
	}
	e, err := New(context.Background(), Options{Policies: []string{policy}, Workers: 1})
	if err != nil {
		b.Fatal(err)
	}
	durations := map[bool]time.Duration{}
	for _, noTrace := range []bool{true, false} {
		b.Run(fmt.Sprintf("locate=%v", !noTrace), func(b *testing.B) {
			e.noTraceLocate = noTrace
			var rep *Report
			start := time.Now()
			for i := 0; i < b.N; i++ {
				rep, err = e.Check(context.Background(), files)
				if err != nil {
					b.Fatal(err)
				}
			}
			durations[noTrace] = time.Since(start) / time.Duration(b.N)
			deep, total := 0, 0
			for _, f := range rep.Findings {
				if f.ID == IDEvalError || f.ID == IDParseError {
					continue
				}
				total++
				if f.Path != "" {
					deep++
				}
			}
			b.ReportMetric(float64(len(files)), "files")
			b.ReportMetric(float64(total), "findings")
			if total > 0 {
				b.ReportMetric(float64(deep)/float64(total), "located-share")
			}
			if !noTrace && durations[true] > 0 {
				b.ReportMetric(float64(durations[false])/float64(durations[true]), "cost-ratio")
			}
		})
	}
}

func corpusSample(b *testing.B, root, list string, n int) []string {
	var names []string
	if list != "" {
		fh, err := os.Open(list)
		if err != nil {
			b.Fatal(err)
		}
		defer fh.Close()
		sc := bufio.NewScanner(fh)
		for sc.Scan() && len(names) < n {
			if s := strings.TrimSpace(sc.Text()); s != "" {
				names = append(names, s)
			}
		}
		return names
	}
	_ = filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
		if err != nil || len(names) >= n {
			return filepath.SkipDir
		}
		if _, ok := parsers.DetectFormat(p); ok && !d.IsDir() {
			rel, _ := filepath.Rel(root, p)
			names = append(names, rel)
		}
		return nil
	})
	return names
}
