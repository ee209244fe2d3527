# METADATA
# title: Untrusted input is expanded into a script
# description: >-
#   ${{ }} expressions are substituted into a run: script (or an
#   actions/github-script script) before it runs. Values an outsider controls
#   (issue and pull request titles and bodies, comments, branch names, commit
#   messages and author names) can then close the quoting and run commands
#   with the job's token and secrets. Property names are matched as GitHub
#   reads them (any case, x['name']), and an object holding such values
#   expanded whole (toJSON(github.event.issue)) counts too.
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

# untrusted_objects are the objects that hold untrusted values: expanded
# whole (toJSON(github.event.issue), join(github.event.commits.*)), they
# carry them into the script.
untrusted_objects := {
	"github",
	"github.event",
	"github.event.issue",
	"github.event.pull_request",
	"github.event.pull_request.head",
	"github.event.pull_request.head.repo",
	"github.event.discussion",
	"github.event.comment",
	"github.event.review",
	"github.event.review_comment",
	"github.event.discussion_comment",
	"github.event.pages",
	"github.event.pages.*",
	"github.event.commits",
	"github.event.commits.*",
	"github.event.head_commit",
	"github.event.head_commit.author",
	"github.event.head_commit.committer",
	"github.event.workflow_run",
	"github.event.workflow_run.head_commit",
	"github.event.workflow_run.head_commit.author",
	"github.event.workflow_run.pull_requests",
	"github.event.workflow_run.pull_requests.*",
	"github.event.workflow_run.pull_requests.*.head",
}

deny contains {"msg": msg, "path": path, "_match": e, "resource": gha.resource(s.job)} if {
	some s in gha.steps
	some key, script in scripts(s.step)
	some e in gha.expressions(script)
	not boolean(e)
	injects(gha.normalized(e))
	path := array.concat(s.path, key)
	msg := sprintf("%s is expanded into the script: a crafted value can run commands", [e])
}

injects(e) if {
	some p in untrusted
	regex.match(p, e)
}

injects(e) if {
	some ref in regex.find_n(`\bgithub(\s*\.\s*[a-z0-9_*-]+|\[[^\]]*\])*`, regex.replace(e, `'[^']*'`, "''"), -1)
	regex.replace(regex.replace(ref, `\s+`, ""), `\[[^\]]*\]`, ".*") in untrusted_objects
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
