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

# The head under other spellings: x['name'] and any case, the fork's
# repository, and a script that fetches or checks out the pull request.
test_pr_target_other_checkouts if {
	r := deny with input as workflow("pull_request_target", {"a": {"steps": [
		checkout("${{ github.event.pull_request.head['SHA'] }}"),
		{"uses": "actions/checkout@v4", "with": {"repository": "${{ github.event.pull_request.head.repo.full_name }}"}},
		{"run": "gh pr checkout ${{ github.event.number }}"},
		{"run": "git fetch origin pull/${{ github.event.number }}/head:pr\ngit checkout pr"},
		{"run": "git fetch origin ${{ github.event.pull_request.head.sha }}\ngit checkout FETCH_HEAD"},
		{"run": "echo ${{ github.event.pull_request.head.sha }}"},
		{"uses": "actions/checkout@v4", "with": {"repository": "${{ github.repository }}"}},
	]}})
	locs(r) == {
		["jobs.a", ["jobs", "a", "steps", 0, "with", "ref"]],
		["jobs.a", ["jobs", "a", "steps", 1, "with", "repository"]],
		["jobs.a", ["jobs", "a", "steps", 2, "run"]],
		["jobs.a", ["jobs", "a", "steps", 3, "run"]],
		["jobs.a", ["jobs", "a", "steps", 4, "run"]],
	}
	count(deny) == 0 with input as workflow("pull_request", {"a": {"steps": [{"run": "gh pr checkout 1"}]}})
}
