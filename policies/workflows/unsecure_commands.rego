# METADATA
# title: Workflow re-enables the deprecated set-env and add-path commands
# description: >-
#   ACTIONS_ALLOW_UNSECURE_COMMANDS=true turns back on the ::set-env:: and
#   ::add-path:: workflow commands, which GitHub disabled because anything
#   that can print to the log (a test's output, a dependency, a crafted
#   issue title echoed by a step) can then set environment variables such as
#   NODE_OPTIONS or LD_PRELOAD, or put its own programs first on the PATH of
#   the steps that follow, and run code with the job's token and secrets.
# related_resources:
#   - ref: https://github.blog/changelog/2020-10-01-github-actions-deprecating-set-env-and-add-path-commands/
#   - ref: https://docs.github.com/en/actions/reference/workflows-and-actions/workflow-commands#environment-files
# custom:
#   id: IG-GHA-008
#   severity: high
#   remediation: |
#     Remove ACTIONS_ALLOW_UNSECURE_COMMANDS and write to the environment files:
#       - run: echo "NAME=value" >> "$GITHUB_ENV"
#       - run: echo "$HOME/.local/bin" >> "$GITHUB_PATH"
package infragate.rules.workflows.unsecure_commands

import data.infragate.lib.workflows as gha

name := "ACTIONS_ALLOW_UNSECURE_COMMANDS"

deny contains {"msg": msg, "path": ["env", name], "resource": "workflow"} if {
	gha.is_workflow
	enabled(input.env[name])
	msg := sprintf("the workflow sets %s: every job accepts set-env and add-path from its log", [name])
}

deny contains {"msg": msg, "path": ["jobs", id, "env", name], "resource": gha.resource(id)} if {
	some id, job in gha.jobs
	enabled(job.env[name])
	msg := sprintf("job %s sets %s: its steps accept set-env and add-path from the log", [id, name])
}

deny contains {"msg": msg, "path": array.concat(s.path, ["env", name]), "resource": gha.resource(s.job)} if {
	some s in gha.steps
	enabled(s.step.env[name])
	msg := sprintf("a step of job %s sets %s: it accepts set-env and add-path from its log", [s.job, name])
}

enabled(v) if v == true

enabled(v) if {
	is_string(v)
	lower(trim_space(v)) == "true"
}
