# Test helpers shared by the workflow rule tests, and tests of the helpers.
package infragate.lib.workflows_test

import data.infragate.lib.workflows as gha

# locs reduces a rule's results to (resource, path) pairs for comparisons.
locs(results) := {[r.resource, r.path] | some r in results}

# workflow builds a workflow with triggers and jobs.
workflow(on, jobs) := {"name": "ci", "on": on, "jobs": jobs}

test_triggers if {
	gha.triggers == {"push"} with input as workflow("push", {})
	gha.triggers == {"push", "pull_request"} with input as workflow(["push", "pull_request"], {})
	gha.triggers == {"pull_request_target"} with input as workflow({"pull_request_target": {"types": ["opened"]}}, {})
	gha.triggers == {"push"} with input as {"true": {"push": null}, "jobs": {}}
}

test_not_a_workflow if {
	not gha.is_workflow with input as {"jobs": {}}
	not gha.is_workflow with input as [{"Cmd": "from", "Value": []}]
	count(gha.steps) == 0 with input as {"on": "push", "jobs": "x"}
}

test_uses if {
	w := workflow("push", {
		"a": {"steps": [
			{"uses": "actions/checkout@v4"},
			{"uses": "./local-action"},
			{"uses": "docker://alpine:3"},
			{"uses": "Org/Repo/sub/dir@0123456789abcdef0123456789abcdef01234567"},
			{"uses": "owner/noref"},
			{"run": "echo"},
		]},
		"b": {"uses": "org/wf/.github/workflows/x.yml@main"},
	})
	{[u.owner, u.repo, u.ref] | some u in gha.uses} == {
		["actions", "checkout", "v4"],
		["org", "repo", "0123456789abcdef0123456789abcdef01234567"],
		["owner", "noref", ""],
		["org", "wf", "main"],
	} with input as w
}

test_expressions if {
	gha.expressions("a ${{ x }} b ${{ y.z }}") == ["${{ x }}", "${{ y.z }}"]
	gha.expressions(null) == []
}
