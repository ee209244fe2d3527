# METADATA
# title: Planned IAM policy allows every action of a service on all resources
# description: >-
#   An Allow statement in a planned IAM policy document that combines a
#   service-wide action wildcard (such as s3:*) with Resource "*" grants that
#   service on every resource of the account.
# related_resources:
#   - ref: https://developer.hashicorp.com/terraform/internals/json-format#plan-representation
#   - ref: https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege
# custom:
#   id: IG-PLAN-AWS-IAM-002
#   severity: medium
#   related_ids: [IG-AWS-IAM-002]
#   remediation: |
#     Name the actions and resources:
#       Statement = [{
#         Effect   = "Allow"
#         Action   = ["s3:GetObject", "s3:PutObject"]
#         Resource = "arn:aws:s3:::uploads/*"
#       }]
package infragate.rules.tfplan.iam_wildcard_resource

import data.infragate.lib.terraform as tf
import data.infragate.lib.tfplan

deny contains {"msg": msg, "path": d.path, "resource": d.resource} if {
	some d in tfplan.policy_documents
	some s in d.statements
	s.Effect == "Allow"
	"*" in tf.as_list(s.Resource)
	some a in tf.as_list(s.Action)
	is_string(a)
	regex.match(`^[a-zA-Z0-9-]+:\*$`, a)
	msg := sprintf("%s: planned policy statement allows %q on all resources", [d.resource, a])
}
