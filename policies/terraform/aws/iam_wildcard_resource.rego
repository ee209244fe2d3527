# METADATA
# title: IAM policy allows every action of a service on all resources
# description: >-
#   An Allow statement that combines a service-wide action wildcard (such as
#   "s3:*" or "iam:*") with Resource "*" grants full control of that service
#   in the account. Read-only and narrowly scoped actions on "*" are not
#   reported. Full "*" actions are reported by IG-AWS-IAM-001.
# related_resources:
#   - ref: https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege
#   - ref: https://registry.terraform.io/providers/hashicorp/aws/latest/docs/data-sources/iam_policy_document
# custom:
#   id: IG-AWS-IAM-002
#   severity: medium
#   enforcement: soft-mandatory
#   remediation: |
#     Scope the statement to the resources it needs and list the actions:
#       statement {
#         actions   = ["s3:GetObject", "s3:ListBucket"]
#         resources = [aws_s3_bucket.b.arn, "${aws_s3_bucket.b.arn}/*"]
#       }
package infragate.rules.terraform.aws.iam_wildcard_resource

import data.infragate.lib.terraform as tf

service_wildcard(a) if {
	is_string(a)
	regex.match(`^[a-zA-Z0-9-]+:\*$`, a)
}

deny contains {"msg": msg, "path": d.path, "resource": d.resource} if {
	some d in tf.policy_documents
	some s in d.statements
	tf.statement_allows(s)
	"*" in tf.as_list(s.Resource)
	some a in tf.as_list(s.Action)
	service_wildcard(a)
	msg := sprintf("%s: policy statement allows %q on all resources", [d.resource, a])
}

deny contains {"msg": msg, "path": path, "resource": s.resource} if {
	some s in tf.document_statements
	s.effect == "Allow"
	"*" in s.body.resources
	some a in s.body.actions
	service_wildcard(a)
	path := array.concat(s.path, ["resources"])
	msg := sprintf("%s: policy statement allows %q on all resources", [s.resource, a])
}
