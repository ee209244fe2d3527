package cmd

import (
	"strings"
	"testing"

	"github.com/infragate/infragate/internal/fakegithub"
)

// The gate reads -d from the base commit and places it as check (and
// conftest) does: data/registries/list.yaml under -d data is
// data.registries, not merged at the root of data.
func TestGateDataDirectories(t *testing.T) {
	policy := `package main

deny contains sprintf("bucket %s is in a blocked region", [input.name]) if {
	some r in data.regions.blocked
	input.region == r
}
`
	e := newGate(t, map[string]string{
		"policy/main.rego":       policy,
		"data/regions/list.yaml": "blocked: [eu-west-9]\n",
		"data/owners/sub/x.json": `{"team": "infra"}`,
	}, map[string]string{
		"infra/buckets.yaml": "name: logs\nregion: eu-west-9\n",
	}, fakegithub.Options{})
	e.want(e.run("-d", "data"), ExitBlocking)
	if r := e.checkRun(); !strings.Contains(r.Text, "bucket logs is in a blocked region") {
		t.Errorf("text:\n%s", r.Text)
	}
}
