# METADATA
# title: Planned IAM policy allows all actions
# description: >-
#   An Allow statement with Action "*" (or "*:*") in a planned IAM policy
#   document grants full administrative access, and so, but for the actions
#   it lists, does an Allow statement with NotAction on every resource. The plan holds the rendered
#   JSON, so documents built with jsonencode or data sources are checked too.
# related_resources:
#   - ref: https://developer.hashicorp.com/terraform/internals/json-format#plan-representation
#   - ref: https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege
# custom:
#   id: IG-PLAN-AWS-IAM-001
#   severity: high
#   related_ids: [IG-AWS-IAM-001]
#   remediation: |
#     Grant the actions the principal needs:
#       policy = jsonencode({
#         Version   = "2012-10-17"
#         Statement = [{ Effect = "Allow", Action = ["s3:GetObject"], Resource = "arn:aws:s3:::reports/*" }]
#       })
package infragate.rules.tfplan.iam_wildcard_action

import data.infragate.lib.terraform as tf
import data.infragate.lib.tfplan

deny contains {"msg": msg, "path": d.path, "resource": d.resource} if {
	some d in tfplan.policy_documents
	some s in d.statements
	s.Effect == "Allow"
	some a in tf.as_list(s.Action)
	a in {"*", "*:*"}
	msg := sprintf("%s: planned policy statement allows all actions (%q)", [d.resource, a])
}

deny contains {"msg": msg, "path": d.path, "resource": d.resource} if {
	some d in tfplan.policy_documents
	some s in d.statements
	s.Effect == "Allow"
	s.NotAction
	"*" in tf.as_list(s.Resource)
	msg := sprintf("%s: planned policy statement allows every action but those in NotAction on every resource", [d.resource])
}
