# METADATA
# title: All secrets are passed to a reusable workflow in another repository
# description: >-
#   secrets: inherit hands every secret of the calling repository to a
#   reusable workflow that another repository controls; a change there (or a
#   moved tag) can exfiltrate them. Pass only the secrets it needs, and pin it
#   to a commit SHA.
# related_resources:
#   - ref: https://docs.github.com/en/actions/sharing-automations/reusing-workflows#passing-inputs-and-secrets-to-a-reusable-workflow
# custom:
#   id: IG-GHA-007
#   severity: low
#   remediation: |
#     jobs:
#       deploy:
#         uses: org/workflows/.github/workflows/deploy.yml@<full-sha>
#         secrets:
#           DEPLOY_TOKEN: ${{ secrets.DEPLOY_TOKEN }}
package infragate.rules.workflows.secrets_inherit

import data.infragate.lib.workflows as gha

warn contains {"msg": msg, "path": ["jobs", u.job, "secrets"], "resource": gha.resource(u.job)} if {
	some u in gha.uses
	u.path == ["jobs", u.job, "uses"]
	gha.jobs[u.job].secrets == "inherit"
	msg := sprintf("job %s passes all secrets to %s", [u.job, u.value])
}
