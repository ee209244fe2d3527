package engine

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/infragate/infragate/parsers"
	"github.com/infragate/infragate/policies"
)

// testPlan is a plan of n resource changes of several kinds: public and
// private buckets, open security groups, wildcard IAM policies, public
// databases, deletions (enough for mass_destroy) and data sources.
func testPlan(n int) map[string]any {
	var changes []any
	for i := range n {
		var rc map[string]any
		switch i % 6 {
		case 0:
			acl := "private"
			if i%4 == 0 {
				acl = "public-read"
			}
			rc = change(fmt.Sprintf("aws_s3_bucket.b%d", i), "aws_s3_bucket", []string{"create"},
				map[string]any{"bucket": fmt.Sprintf("b-%d", i), "acl": acl, "tags": map[string]any{"team": "t"}})
		case 1:
			cidr := "10.0.0.0/8"
			if i%5 == 1 {
				cidr = "0.0.0.0/0"
			}
			rc = change(fmt.Sprintf("module.m%d.aws_security_group.sg", i%3), "aws_security_group", []string{"update"},
				map[string]any{"ingress": []any{map[string]any{"from_port": 22, "to_port": 22, "protocol": "tcp", "cidr_blocks": []any{cidr}}}})
		case 2:
			rc = change(fmt.Sprintf("aws_iam_policy.p%d", i), "aws_iam_policy", []string{"create"},
				map[string]any{"policy": `{"Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}`})
		case 3:
			rc = change(fmt.Sprintf("aws_db_instance.db%d", i), "aws_db_instance", []string{"delete", "create"},
				map[string]any{"publicly_accessible": i%2 == 1, "storage_encrypted": false})
		case 4:
			rc = change(fmt.Sprintf("aws_ebs_volume.v%d", i), "aws_ebs_volume", []string{"delete"}, nil)
		default:
			rc = change(fmt.Sprintf("data.aws_ami.a%d", i), "aws_ami", []string{"read"}, map[string]any{"id": "x"})
			rc["mode"] = "data"
		}
		changes = append(changes, rc)
	}
	return map[string]any{
		"format_version":    "1.2",
		"terraform_version": "1.9.5",
		"planned_values":    map[string]any{"root_module": map[string]any{}},
		"resource_changes":  changes,
		"configuration":     map[string]any{"provider_config": map[string]any{"aws": map[string]any{"name": "aws"}}},
	}
}

func change(addr, typ string, actions []string, after map[string]any) map[string]any {
	var a any = after
	if after == nil {
		a = nil
	}
	return map[string]any{"address": addr, "mode": "managed", "type": typ,
		"change": map[string]any{"actions": actions, "before": nil, "after": a}}
}

// slicePolicies are conftest-style rules: per change (string and object
// results, the same message from changes in different slices), an
// aggregate, a rule of other members, and an exception.
const slicePolicies = `package main

warn contains msg if {
	rc := input.resource_changes[_]
	rc.type == "aws_s3_bucket"
	rc.change.after.acl == "public-read"
	msg := sprintf("%s is public", [rc.address])
}

warn contains "a bucket is public" if {
	rc := input.resource_changes[_]
	rc.change.after.acl == "public-read"
}

deny contains msg if {
	n := count([rc.address | rc := input.resource_changes[_]; "delete" in rc.change.actions])
	n > 3
	msg := sprintf("%d deletions", [n])
}

deny contains msg if {
	input.terraform_version != "1.0.0"
	msg := sprintf("terraform %s", [input.terraform_version])
}

violation contains {"msg": "ssh open to the world", "path": ["resource_changes", i, "change", "after", "ingress", j]} if {
	some i, rc in input.resource_changes
	some j, ing in rc.change.after.ingress
	ing.from_port == 22
	"0.0.0.0/0" in ing.cidr_blocks
}

exception contains rules if {
	input.configuration.provider_config.aws.name == "none"
	rules := ["deny"]
}
`

// TestPlanSlicesMatchWhole evaluates plans by slices of a few changes and
// whole, and compares the reports: findings, lines, order, summary.
func TestPlanSlicesMatchWhole(t *testing.T) {
	dir := t.TempDir()
	plan := testPlan(120)
	delete(plan, "format_version")
	pretty, err := json.MarshalIndent(plan, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	compact, _ := json.Marshal(plan)
	// format_version first, as Terraform writes it.
	pretty = append([]byte("{\n  \"format_version\": \"1.2\","), pretty[1:]...)
	compact = append([]byte(`{"format_version":"1.2",`), compact[1:]...)
	files := map[string][]byte{"pretty.json": pretty, "compact.json": compact}
	for name, b := range files {
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	var list []File
	for _, name := range []string{"compact.json", "pretty.json"} {
		p := filepath.Join(dir, name)
		list = append(list,
			File{Name: p, Path: p, Format: parsers.JSON, Parser: parsers.Default()[parsers.JSON]},
			File{Name: p + "#plan", Path: p, Format: parsers.TFPlan, Parser: parsers.Default()[parsers.TFPlan]})
	}
	nullSensitive := slicePolicies + `
warn contains "a change without a type" if {
	some rc in input.resource_changes
	not rc.type
}
`
	counting := slicePolicies + `
warn contains msg if {
	n := count(input.resource_changes)
	rc := input.resource_changes[_]
	rc.type == "aws_s3_bucket"
	msg := sprintf("%s, one of %d changes", [rc.address, n])
}
`
	for _, tc := range []struct {
		name   string
		opts   Options
		sliced bool // expect the slices to be used
	}{
		{"rules that count the changes", Options{Policies: []string{writePolicy(t, map[string]string{"p.rego": counting})}}, true},
		{"built-in library", Options{Builtin: policies.FS(), Applies: policies.Applies}, true},
		{"conftest-style rules", Options{Policies: []string{writePolicy(t, map[string]string{"p.rego": slicePolicies})}}, true},
		{"rules that match null changes", Options{Policies: []string{writePolicy(t, map[string]string{"p.rego": nullSensitive})}}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			report := func(slices bool) (*Report, int64) {
				e, err := New(context.Background(), tc.opts)
				if err != nil {
					t.Fatal(err)
				}
				e.planStreamMin = 1 << 40
				if slices {
					e.planStreamMin, e.planSlice = 1, 700
				}
				rep, err := e.Check(context.Background(), list)
				if err != nil {
					t.Fatal(err)
				}
				return rep, e.slicedPlans.Load()
			}
			whole, n := report(false)
			if n != 0 {
				t.Fatalf("%d plans evaluated by slices, want none", n)
			}
			sliced, n := report(true)
			want := int64(0)
			if tc.sliced {
				want = int64(len(list))
			}
			if n != want {
				t.Errorf("%d plans evaluated by slices, want %d", n, want)
			}
			if len(whole.Findings) < 10 {
				t.Fatalf("%d findings: the comparison would prove little", len(whole.Findings))
			}
			if !reflect.DeepEqual(whole, sliced) {
				t.Errorf("reports differ: %d findings whole, %d by slices", len(whole.Findings), len(sliced.Findings))
				for i := range min(len(whole.Findings), len(sliced.Findings)) {
					if !reflect.DeepEqual(whole.Findings[i], sliced.Findings[i]) {
						t.Fatalf("first difference (%d):\n  whole  %+v\n  slices %+v", i, whole.Findings[i], sliced.Findings[i])
					}
				}
			}
			t.Logf("%d findings, identical", len(whole.Findings))
		})
	}
}
