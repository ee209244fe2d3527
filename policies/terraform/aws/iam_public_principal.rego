# METADATA
# title: Resource policy allows access to everyone
# description: >-
#   A statement that allows Principal "*" (or {"AWS": "*"}) without a
#   Condition lets any AWS account or anonymous caller use the resource:
#   assume a role, read a queue or topic, use a KMS key, pull an image or read
#   a secret. Checked in literal JSON policies (role trust policies, SQS, SNS,
#   KMS, ECR, Secrets Manager) and in aws_iam_policy_document principals.
#   S3 bucket policies are covered by IG-AWS-S3-002.
# related_resources:
#   - ref: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html
#   - ref: https://registry.terraform.io/providers/hashicorp/aws/latest/docs/data-sources/iam_policy_document
# custom:
#   id: IG-AWS-IAM-003
#   severity: critical
#   remediation: |
#     Name the principals, or restrict with a condition:
#       principals {
#         type        = "AWS"
#         identifiers = ["arn:aws:iam::123456789012:root"]
#       }
#       condition {
#         test     = "StringEquals"
#         variable = "aws:PrincipalOrgID"
#         values   = ["o-abc123"]
#       }
package infragate.rules.terraform.aws.iam_public_principal

import data.infragate.lib.terraform as tf

policy_attributes := {
	"aws_iam_role": "assume_role_policy",
	"aws_sqs_queue": "policy",
	"aws_sqs_queue_policy": "policy",
	"aws_sns_topic": "policy",
	"aws_sns_topic_policy": "policy",
	"aws_kms_key": "policy",
	"aws_ecr_repository_policy": "policy",
	"aws_secretsmanager_secret": "policy",
	"aws_secretsmanager_secret_policy": "policy",
}

deny contains {"msg": msg, "path": path, "resource": addr} if {
	some type, attr in policy_attributes
	some res in tf.resources[type]
	b := res.body
	stmts := tf.json_statements(b[attr])
	not tf.restricted_by_deny(stmts)
	some s in stmts
	tf.statement_allows(s)
	tf.principal_is_public(s.Principal)
	tf.unconditional(s)
	addr := res.address
	path := array.concat(res.path, [attr])
	msg := sprintf("%s: %s allows Principal \"*\" without a condition", [addr, attr])
}

deny contains {"msg": msg, "path": path, "resource": s.resource} if {
	some s in tf.document_statements
	s.effect == "Allow"
	not s.body.condition
	not restricted_document(s.document)
	some p in tf.blocks(s, "principals")
	p.body.type in {"AWS", "*"}
	"*" in p.body.identifiers
	path := array.concat(p.path, ["identifiers"])
	msg := sprintf("%s: statement allows principal \"*\" without a condition", [s.resource])
}

# A document that also denies everyone or denies with a condition ("Allow
# everyone, Deny unless from my VPC") cannot be proved open by a static read.
restricted_document(document) if {
	some other in tf.document_statements
	other.effect == "Deny"
	other.document == document
	restricting_deny(other)
}

restricting_deny(s) if s.body.condition

restricting_deny(s) if {
	some p in tf.blocks(s, "principals")
	"*" in p.body.identifiers
}
