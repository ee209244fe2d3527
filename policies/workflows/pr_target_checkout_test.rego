package infragate.rules.workflows.pr_target_checkout_test

import data.infragate.lib.workflows_test.locs
import data.infragate.lib.workflows_test.workflow
import data.infragate.rules.workflows.pr_target_checkout.deny

checkout(ref) := {"uses": "actions/checkout@v4", "with": {"ref": ref}}

test_pr_target_head_checkout if {
	r := deny with input as workflow({"pull_request_target": {"types": ["opened"]}}, {
		"test": {"steps": [checkout("${{ github.event.pull_request.head.sha }}"), {"run": "npm test"}]},
		"merge": {"steps": [checkout("refs/pull/${{ github.event.number }}/merge")]},
		"base": {"steps": [checkout("${{ github.event.pull_request.base.sha }}"), {"uses": "actions/checkout@v4"}]},
	})
	locs(r) == {
		["jobs.test", ["jobs", "test", "steps", 0, "with", "ref"]],
		["jobs.merge", ["jobs", "merge", "steps", 0, "with", "ref"]],
	}
	some f in r
	contains(f.msg, "pull_request_target workflow")
}

test_workflow_run_head_checkout if {
	r := deny with input as workflow({"workflow_run": {"workflows": ["ci"]}}, {"a": {"steps": [checkout("${{ github.event.workflow_run.head_sha }}")]}})
	locs(r) == {["jobs.a", ["jobs", "a", "steps", 0, "with", "ref"]]}
}

test_pull_request_and_guarded_pass if {
	count(deny) == 0 with input as workflow("pull_request", {"a": {"steps": [checkout("${{ github.event.pull_request.head.sha }}")]}})
	count(deny) == 0 with input as workflow(["pull_request_target"], {"a": {
		"if": "github.event.pull_request.head.repo.full_name == github.repository",
		"steps": [checkout("${{ github.head_ref }}")],
	}})
	count(deny) == 0 with input as workflow("pull_request_target", {"a": {"steps": [object.union(
		checkout("${{ github.event.pull_request.head.sha }}"),
		{"if": "${{ !github.event.pull_request.head.repo.fork }}"},
	)]}})
}
