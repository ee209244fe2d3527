package infragate.rules.workflows.script_injection_test

import data.infragate.lib.workflows_test.locs
import data.infragate.lib.workflows_test.workflow
import data.infragate.rules.workflows.script_injection.deny

test_injection if {
	r := deny with input as workflow(["issues", "pull_request"], {"triage": {"steps": [
		{"run": "echo \"${{ github.event.issue.title }}\""},
		{"run": "git checkout ${{ github.head_ref }}\necho ${{ github.sha }}"},
		{"run": "echo '${{ toJSON(github.event.commits.*.message) }}'"},
		{"uses": "actions/github-script@v7", "with": {"script": "console.log(`${{ github.event.comment.body }}`)"}},
		{"run": "echo ${{ github.event.pull_request.head.ref }}"},
		{"run": "echo ${{ github.event.pull_request.title == 'x' || github.event.issue.title }}"},
	]}})
	locs(r) == {
		["jobs.triage", ["jobs", "triage", "steps", 0, "run"]],
		["jobs.triage", ["jobs", "triage", "steps", 1, "run"]],
		["jobs.triage", ["jobs", "triage", "steps", 2, "run"]],
		["jobs.triage", ["jobs", "triage", "steps", 3, "with", "script"]],
		["jobs.triage", ["jobs", "triage", "steps", 4, "run"]],
		["jobs.triage", ["jobs", "triage", "steps", 5, "run"]],
	}
	some f in r
	f.msg == "${{ github.event.issue.title }} is expanded into the script: a crafted value can run commands"
}

test_trusted_and_env_pass if {
	count(deny) == 0 with input as workflow("pull_request", {"a": {"steps": [
		{"env": {"TITLE": "${{ github.event.pull_request.title }}"}, "run": "echo \"$TITLE\""},
		{"run": "echo ${{ github.event.pull_request.number }} ${{ github.sha }} ${{ inputs.name }}"},
		{"uses": "some/action@v1", "with": {"script": "${{ github.event.issue.body }}"}},
		{"run": "echo ${{ github.event.issue.title_length }}"},
		{"run": "test ${{ github.event.pull_request.title == 'release' }} = true"},
		{"run": "echo ${{ contains(github.event.pull_request.body, 'skip ci') }}"},
	]}})
}

# GitHub reads property names case-insensitively and x['name'] as x.name;
# an object holding untrusted values, expanded whole, carries them too.
test_injection_spellings_and_objects if {
	r := deny with input as workflow("issues", {"a": {"steps": [
		{"run": "echo \"${{ github.event.issue['title'] }}\""},
		{"run": "echo \"${{ github['event'][\"comment\"]['body'] }}\""},
		{"run": "echo \"${{ github.event.Issue.Title }}\""},
		{"run": "echo '${{ toJSON(github.event.issue) }}'"},
		{"run": "echo '${{ toJSON(github.event.commits[0]) }}'"},
		{"run": "echo '${{ toJSON(github) }}'"},
	]}})
	count(r) == 6
}

test_trusted_spellings_pass if {
	count(deny) == 0 with input as workflow("issues", {"a": {"steps": [
		{"run": "echo ${{ github.event.issue['number'] }} ${{ github.event_name }} ${{ github.Event.Issue.User.Login }}"},
		{"run": "echo ${{ format('github-{0}', github.sha) }} ${{ toJSON(github.event.issue.labels.*.id) }}"},
		{"run": "echo ${{ github.event.pull_request.head.sha }}"},
	]}})
}
