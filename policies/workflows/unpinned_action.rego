# METADATA
# title: Third-party action is not pinned to a commit SHA
# description: >-
#   A tag or branch of a third-party action (anything outside
#   github.com/actions and github.com/github) can be moved to other code at
#   any time, as happened to tj-actions/changed-files in 2025; the workflow
#   then runs it with its token and secrets. Only a full 40-character commit
#   SHA is immutable. Reusable workflows in other repositories are checked
#   too.
# related_resources:
#   - ref: https://docs.github.com/en/actions/security-for-github-actions/security-guides/security-hardening-for-github-actions#using-third-party-actions
#   - ref: https://docs.github.com/en/code-security/dependabot/working-with-dependabot/keeping-your-actions-up-to-date-with-dependabot
# custom:
#   id: IG-GHA-002
#   severity: medium
#   remediation: |
#     Pin the full commit SHA, keeping the version in a comment for humans and Dependabot:
#       - uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683 # v4.2.2
package infragate.rules.workflows.unpinned_action

import data.infragate.lib.workflows as gha

deny contains {"msg": msg, "path": u.path, "resource": gha.resource(u.job)} if {
	some u in gha.uses
	not gha.first_party(u)
	not gha.pinned(u)
	msg := sprintf("%s is not pinned to a full commit SHA", [u.value])
}
