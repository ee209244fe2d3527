# METADATA
# title: S3 bucket policy allows access to everyone
# description: >-
#   A bucket policy statement that allows Principal "*" (or {"AWS": "*"})
#   without a Condition opens the bucket to anyone on the internet.
#   Policies built from expressions (jsonencode, templates) cannot be read
#   statically and are not judged.
# related_resources:
#   - ref: https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/s3_bucket_policy
#   - ref: https://docs.aws.amazon.com/AmazonS3/latest/userguide/example-bucket-policies.html
# custom:
#   id: IG-AWS-S3-002
#   severity: high
#   remediation: |
#     Name the principals that need access, or restrict the statement with a Condition:
#       "Principal": {"AWS": "arn:aws:iam::123456789012:role/reader"}
#     For public websites, serve through CloudFront with an origin access control.
package infragate.rules.terraform.aws.s3_public_policy

import data.infragate.lib.terraform as tf

deny contains {"msg": msg, "path": path, "resource": addr} if {
	some type in ["aws_s3_bucket", "aws_s3_bucket_policy"]
	some res in tf.resources[type]
	b := res.body
	stmts := tf.json_statements(b.policy)
	not tf.restricted_by_deny(stmts)
	some s in stmts
	tf.statement_allows(s)
	tf.principal_is_public(s.Principal)
	tf.unconditional(s)
	addr := res.address
	path := array.concat(res.path, ["policy"])
	msg := sprintf("%s: bucket policy allows Principal \"*\" without a condition", [addr])
}
