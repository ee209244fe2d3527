# METADATA
# title: Workflow grants write-all permissions
# description: >-
#   permissions: write-all gives the GITHUB_TOKEN write access to every scope
#   (contents, packages, actions, workflows...): any compromised step or
#   action can push code, publish packages or change releases.
# related_resources:
#   - ref: https://docs.github.com/en/actions/writing-workflows/choosing-what-your-workflow-does/controlling-permissions-for-github_token
#   - ref: https://docs.github.com/en/actions/security-for-github-actions/security-guides/security-hardening-for-github-actions#using-secrets
# custom:
#   id: IG-GHA-004
#   severity: high
#   remediation: |
#     Grant only the scopes the job needs:
#       permissions:
#         contents: read
#         pull-requests: write
package infragate.rules.workflows.write_all_permissions

import data.infragate.lib.workflows as gha

deny contains {"msg": "the workflow grants permissions: write-all to every job", "path": ["permissions"], "resource": "workflow"} if {
	gha.is_workflow
	input.permissions == "write-all"
}

deny contains {"msg": msg, "path": ["jobs", id, "permissions"], "resource": gha.resource(id)} if {
	some id, job in gha.jobs
	job.permissions == "write-all"
	msg := sprintf("job %s grants permissions: write-all", [id])
}
