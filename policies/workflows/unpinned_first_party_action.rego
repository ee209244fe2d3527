# METADATA
# title: GitHub action is not pinned to a commit SHA
# description: >-
#   Actions published by GitHub (actions/*, github/*) are less likely to be
#   hijacked, but their tags can still move; pinning them to a full commit SHA
#   makes the workflow reproducible and lets Dependabot propose updates as
#   reviewable diffs.
# related_resources:
#   - ref: https://docs.github.com/en/actions/security-for-github-actions/security-guides/security-hardening-for-github-actions#using-third-party-actions
#   - ref: https://docs.github.com/en/code-security/dependabot/working-with-dependabot/keeping-your-actions-up-to-date-with-dependabot
# custom:
#   id: IG-GHA-003
#   severity: low
#   remediation: |
#     Pin the full commit SHA, keeping the version in a comment for humans and Dependabot:
#       - uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683 # v4.2.2
package infragate.rules.workflows.unpinned_first_party_action

import data.infragate.lib.workflows as gha

warn contains {"msg": msg, "path": u.path, "resource": gha.resource(u.job)} if {
	some u in gha.uses
	gha.first_party(u)
	not gha.pinned(u)
	msg := sprintf("%s is not pinned to a full commit SHA", [u.value])
}
