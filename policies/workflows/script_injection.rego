# METADATA
# title: Untrusted input is expanded into a script
# description: >-
#   ${{ }} expressions are substituted into a run: script (or an
#   actions/github-script script) before it runs. Values an outsider controls
#   (issue and pull request titles and bodies, comments, branch names, commit
#   messages and author names) can then close the quoting and run commands
#   with the job's token and secrets.
# related_resources:
#   - ref: https://docs.github.com/en/actions/security-for-github-actions/security-guides/security-hardening-for-github-actions#understanding-the-risk-of-script-injections
#   - ref: https://securitylab.github.com/resources/github-actions-untrusted-input/
# custom:
#   id: IG-GHA-006
#   severity: high
#   remediation: |
#     Pass the value through an environment variable and quote it:
#       - env:
#           TITLE: ${{ github.event.pull_request.title }}
#         run: echo "$TITLE"
package infragate.rules.workflows.script_injection

import data.infragate.lib.workflows as gha

untrusted := [
	`\bgithub\.head_ref\b`,
	`\bgithub\.event\.(issue|pull_request|discussion)\.(title|body)\b`,
	`\bgithub\.event\.(comment|review|review_comment|discussion_comment)\.body\b`,
	`\bgithub\.event\.pull_request\.head\.(ref|label|repo\.default_branch)\b`,
	`\bgithub\.event\.pages(\[[^\]]*\]|\.\*)?\.page_name\b`,
	`\bgithub\.event\.(commits(\[[^\]]*\]|\.\*)?|head_commit)\.(message|author\.(name|email)|committer\.(name|email))\b`,
	`\bgithub\.event\.workflow_run\.(head_branch|display_title|head_commit\.(message|author\.(name|email)))\b`,
	`\bgithub\.event\.workflow_run\.pull_requests(\[[^\]]*\]|\.\*)?\.head\.ref\b`,
]

deny contains {"msg": msg, "path": path, "_match": e, "resource": gha.resource(s.job)} if {
	some s in gha.steps
	some key, script in scripts(s.step)
	some e in gha.expressions(script)
	not boolean(e)
	some p in untrusted
	regex.match(p, e)
	path := array.concat(s.path, key)
	msg := sprintf("%s is expanded into the script: a crafted value can run commands", [e])
}

scripts(step) := {["run"]: step.run} if is_string(step.run)

scripts(step) := {["with", "script"]: step.with.script} if {
	is_string(step.uses)
	startswith(lower(step.uses), "actions/github-script@")
	is_string(step.with.script)
}

# boolean holds for an expression that yields true or false whatever the
# untrusted value is: one comparison, or one contains/startsWith/endsWith
# call, with no && or || that could return an operand.
boolean(e) if {
	not regex.match(`&&|\|\|`, e)
	regex.match(`==|!=|<|>`, e)
}

boolean(e) if {
	not regex.match(`&&|\|\|`, e)
	regex.match(`^\$\{\{\s*!?\s*(contains|startsWith|endsWith)\([^()]*\)\s*\}\}$`, e)
}
