package infragate.rules.workflows.unpinned_test

import data.infragate.lib.workflows_test.locs
import data.infragate.lib.workflows_test.workflow
import data.infragate.rules.workflows.unpinned_action
import data.infragate.rules.workflows.unpinned_first_party_action

sha := "11bd71901bbe5b1630ceea73d27597364c9af683"

w := workflow("push", {
	"build": {"steps": [
		{"uses": "actions/checkout@v4"},
		{"uses": "github/codeql-action/init@v3"},
		{"uses": "docker/login-action@v3"},
		{"uses": sprintf("docker/build-push-action@%s", [sha])},
		{"uses": sprintf("actions/setup-go@%s", [sha])},
		{"uses": "./.github/actions/local"},
		{"uses": "tj-actions/changed-files@ABCDEF01234567890"},
	]},
	"call": {"uses": "org/workflows/.github/workflows/deploy.yml@main"},
})

test_third_party if {
	r := unpinned_action.deny with input as w
	locs(r) == {
		["jobs.build", ["jobs", "build", "steps", 2, "uses"]],
		["jobs.build", ["jobs", "build", "steps", 6, "uses"]],
		["jobs.call", ["jobs", "call", "uses"]],
	}
	some f in r
	f.msg == "docker/login-action@v3 is not pinned to a full commit SHA"
}

test_first_party if {
	locs(unpinned_first_party_action.warn) == {
		["jobs.build", ["jobs", "build", "steps", 0, "uses"]],
		["jobs.build", ["jobs", "build", "steps", 1, "uses"]],
	} with input as w
}

test_expression_uses_is_unknown if {
	count(unpinned_action.deny) == 0 with input as workflow("push", {"a": {"steps": [{"uses": "${{ matrix.action }}"}]}})
}
