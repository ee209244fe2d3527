# METADATA
# title: Workflow does not restrict the token's permissions
# description: >-
#   Without a top-level permissions block, every job that does not set its own
#   gets the repository's default GITHUB_TOKEN permissions, which are read-
#   write on older repositories and organizations. Declaring them makes the
#   token least-privilege whatever the default is.
# related_resources:
#   - ref: https://docs.github.com/en/actions/writing-workflows/choosing-what-your-workflow-does/controlling-permissions-for-github_token
# custom:
#   id: IG-GHA-005
#   severity: low
#   remediation: |
#     Set read-only permissions at the top and widen them per job:
#       permissions:
#         contents: read
package infragate.rules.workflows.missing_permissions

import data.infragate.lib.workflows as gha

warn contains {"msg": msg, "path": [], "resource": "workflow"} if {
	gha.is_workflow
	not gha.has_permissions
	open := sort([id | some id, job in gha.jobs; not gha.has_key(job, "permissions")])
	count(open) > 0
	msg := sprintf("no top-level permissions: job(s) %s use the repository's default token permissions", [concat(", ", open)])
}
