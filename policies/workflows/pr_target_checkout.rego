# METADATA
# title: Privileged workflow checks out pull request code
# description: >-
#   A workflow triggered by pull_request_target (or workflow_run) runs with a
#   write token and the repository's secrets. Checking out the pull request's
#   head (actions/checkout with ref set to the head SHA or branch, or
#   repository set to the fork; gh pr checkout or git fetch of
#   pull/N/head in a script) and then
#   building or testing it lets anyone who opens a pull request run code with
#   those privileges. Jobs or steps guarded to same-repository pull requests
#   are not reported.
# related_resources:
#   - ref: https://securitylab.github.com/resources/github-actions-preventing-pwn-requests/
#   - ref: https://docs.github.com/en/actions/writing-workflows/choosing-when-your-workflow-runs/events-that-trigger-workflows#pull_request_target
# custom:
#   id: IG-GHA-001
#   severity: critical
#   remediation: |
#     Run untrusted code under the pull_request trigger (read-only token, no secrets), and keep
#     pull_request_target jobs to trusted work on the base branch:
#       on: pull_request
#       permissions:
#         contents: read
#       jobs:
#         test:
#           steps:
#             - uses: actions/checkout@<full-sha>
package infragate.rules.workflows.pr_target_checkout

import data.infragate.lib.workflows as gha

head_refs := [
	`github\.event\.pull_request\.head\.(sha|ref)\b`,
	`\bgithub\.head_ref\b`,
	`refs/pull/`,
	`github\.event\.workflow_run\.(head_sha|head_branch|head_commit\.id)\b`,
]

same_repo_guard := `head\.repo\.full_name\s*==\s*github\.repository\b|github\.repository\s*==\s*github\.event\.pull_request\.head\.repo\.full_name|head\.repo\.fork\s*==\s*false|!\s*github\.event\.pull_request\.head\.repo\.fork`

deny contains {"msg": msg, "path": array.concat(s.path, ["with", key]), "resource": gha.resource(s.job)} if {
	privileged := gha.triggers & {"pull_request_target", "workflow_run"}
	count(privileged) > 0
	some s in gha.steps
	is_string(s.step.uses)
	startswith(lower(s.step.uses), "actions/checkout@")
	some key, p in checkout_patterns
	ref := s.step.with[key]
	is_string(ref)
	regex.match(p, gha.normalized(ref))
	not guarded(s)
	msg := sprintf("%s workflow checks out the pull request head (%s) with a privileged token", [concat("/", sort(privileged)), ref])
}

# A run script that fetches or checks out the pull request's code (gh pr
# checkout, git fetch origin pull/N/head, git checkout <head sha>) does
# what actions/checkout with the head ref does.
deny contains {"msg": msg, "path": array.concat(s.path, ["run"]), "resource": gha.resource(s.job)} if {
	privileged := gha.triggers & {"pull_request_target", "workflow_run"}
	count(privileged) > 0
	some s in gha.steps
	is_string(s.step.run)
	script := gha.normalized(s.step.run)
	some p in run_checkouts
	regex.match(p, script)
	not guarded(s)
	msg := sprintf("%s workflow fetches the pull request head in a script with a privileged token", [concat("/", sort(privileged))])
}

# checkout_patterns: what, in each actions/checkout input, names the pull
# request's code: the head ref, or the fork repository.
checkout_patterns := {
	"ref": concat("|", head_refs),
	"repository": `github\.event\.pull_request\.head\.repo\.(full_name|clone_url|git_url|ssh_url|html_url)\b|github\.event\.workflow_run\.head_repository\.full_name\b`,
}

run_checkouts := [
	`\bgh\s+pr\s+(checkout|co)\b`,
	`\bpull/[^/\n]+/(head|merge)\b`,
	concat("", [`\bgit\b[^\n]*\b(checkout|fetch|switch|reset|pull|merge)\b[^\n]*(`, concat("|", head_refs), `)`]),
]

guarded(s) if regex.match(same_repo_guard, condition(gha.jobs[s.job]))

guarded(s) if regex.match(same_repo_guard, condition(s.step))

condition(x) := x["if"] if is_string(x["if"])

condition(x) := "" if not is_string(x["if"])
