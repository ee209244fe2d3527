# METADATA
# title: IAM policy allows all actions
# description: >-
#   An Allow statement with Action "*" (or "*:*") grants full administrative
#   access, and so, but for the actions it lists, does an Allow statement
#   with NotAction (not_actions) on every resource. Checked in literal JSON policies of aws_iam_policy,
#   aws_iam_role_policy, aws_iam_user_policy, aws_iam_group_policy,
#   aws_iam_role inline_policy and SSO permission sets, and in
#   aws_iam_policy_document statements. Policies built from expressions are
#   not judged.
# related_resources:
#   - ref: https://registry.terraform.io/providers/hashicorp/aws/latest/docs/data-sources/iam_policy_document
#   - ref: https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege
# custom:
#   id: IG-AWS-IAM-001
#   severity: high
#   remediation: |
#     List the actions the principal needs:
#       statement {
#         actions   = ["s3:GetObject", "s3:PutObject"]
#         resources = ["${aws_s3_bucket.b.arn}/*"]
#       }
package infragate.rules.terraform.aws.iam_wildcard_action

import data.infragate.lib.terraform as tf

full_wildcards := {"*", "*:*"}

deny contains {"msg": msg, "path": d.path, "resource": d.resource} if {
	some d in tf.policy_documents
	some s in d.statements
	tf.statement_allows(s)
	some a in tf.as_list(s.Action)
	a in full_wildcards
	msg := sprintf("%s: policy statement allows all actions (%q)", [d.resource, a])
}

deny contains {"msg": msg, "path": path, "resource": s.resource} if {
	some s in tf.document_statements
	s.effect == "Allow"
	some a in s.body.actions
	a in full_wildcards
	path := array.concat(s.path, ["actions"])
	msg := sprintf("%s: policy statement allows all actions (%q)", [s.resource, a])
}

# Allow with NotAction allows every action but the listed ones: on every
# resource, administrator access under another spelling.
deny contains {"msg": msg, "path": d.path, "resource": d.resource} if {
	some d in tf.policy_documents
	some s in d.statements
	tf.statement_allows(s)
	s.NotAction
	"*" in tf.as_list(s.Resource)
	msg := sprintf("%s: policy statement allows every action but those in NotAction on every resource", [d.resource])
}

deny contains {"msg": msg, "path": path, "resource": s.resource} if {
	some s in tf.document_statements
	s.effect == "Allow"
	s.body.not_actions
	"*" in s.body.resources
	path := array.concat(s.path, ["not_actions"])
	msg := sprintf("%s: policy statement allows every action but those in not_actions on every resource", [s.resource])
}
