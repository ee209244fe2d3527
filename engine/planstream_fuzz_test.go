package engine

import (
	"context"
	"encoding/json"
	"reflect"
	"testing"

	"github.com/infragate/infragate/parsers"
	"github.com/infragate/infragate/policies"
)

// FuzzPlanSlices evaluates arbitrary plan files by slices of a few bytes
// and whole, with the built-in library and with conftest-style rules, and
// requires the same report: a plan must not be able to hide a finding
// from the sliced evaluation.
func FuzzPlanSlices(f *testing.F) {
	for _, n := range []int{1, 7, 13} {
		b, err := json.Marshal(testPlan(n)["resource_changes"])
		if err != nil {
			f.Fatal(err)
		}
		f.Add(`{"format_version":"1.2","terraform_version":"1.9.5","resource_changes":` + string(b) + `}`)
	}
	f.Add(`{"format_version":"1.2","resource_changes":[null,"x",1,[],{"type":"aws_s3_bucket","change":{"actions":["create"],"after":{"acl":"public-read"}}},{}]}`)
	f.Add(`{"format_version":"1.2","resource_changes":[{"address":"a","type":"aws_s3_bucket","mode":"managed","change":{"actions":["delete"],"after":null}},{"address":"a","type":"aws_s3_bucket","change":{"actions":["delete"]}}],"configuration":{"provider_config":{"aws":{"name":"none"}}}}`)

	builtin := Options{Builtin: policies.FS(), Applies: policies.Applies}
	custom := Options{Policies: []string{writePolicy(f, map[string]string{"p.rego": slicePolicies})}}
	type pair struct{ whole, sliced *Engine }
	var engines []pair
	for _, opts := range []Options{builtin, custom} {
		whole, err := New(context.Background(), opts)
		if err != nil {
			f.Fatal(err)
		}
		sliced, err := New(context.Background(), opts)
		if err != nil {
			f.Fatal(err)
		}
		whole.planStreamMin = 1 << 40
		sliced.planStreamMin, sliced.planSlice = 1, 64
		engines = append(engines, pair{whole, sliced})
	}
	f.Fuzz(func(t *testing.T, src string) {
		for _, p := range engines {
			for _, format := range []parsers.Format{parsers.JSON, parsers.TFPlan} {
				file := []File{{Name: "plan.json", Content: []byte(src), Format: format, Parser: parsers.Default()[format]}}
				whole, err := p.whole.Check(context.Background(), file)
				if err != nil {
					t.Fatal(err)
				}
				sliced, err := p.sliced.Check(context.Background(), file)
				if err != nil {
					t.Fatal(err)
				}
				if !reflect.DeepEqual(whole, sliced) {
					t.Fatalf("%s: reports differ\n  whole  %+v\n  slices %+v", format, whole.Findings, sliced.Findings)
				}
			}
		}
	})
}
