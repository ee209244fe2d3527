# METADATA
# title: S3 bucket has no access logging
# description: >-
#   The bucket declares no server access logging, neither inline (logging)
#   nor with an aws_s3_bucket_logging in the same file, so access to its
#   objects leaves no record outside CloudTrail data events.
# related_resources:
#   - ref: https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/s3_bucket_logging
# custom:
#   id: IG-AWS-S3-007
#   severity: low
#   remediation: |
#     resource "aws_s3_bucket_logging" "b" {
#       bucket        = aws_s3_bucket.b.id
#       target_bucket = aws_s3_bucket.logs.id
#       target_prefix = "b/"
#     }
package infragate.rules.terraform.aws.s3_logging_missing

import data.infragate.lib.terraform as tf

warn contains {"msg": msg, "path": path, "resource": addr} if {
	some name, blocks in input.resource.aws_s3_bucket
	some i, b in blocks
	not tf.has_block(b, "logging")
	not tf.bucket_referenced("aws_s3_bucket_logging", name)
	not log_target(name)
	addr := tf.address("aws_s3_bucket", name)
	path := ["resource", "aws_s3_bucket", name, i]
	msg := sprintf("%s: no access logging configured for this bucket", [addr])
}

# A bucket that receives the access logs of another bucket in this file is
# not expected to log to itself.
log_target(name) if {
	some blocks in input.resource.aws_s3_bucket_logging
	some b in blocks
	tf.refers_to_bucket(b.target_bucket, name)
}

log_target(name) if {
	some blocks in input.resource.aws_s3_bucket
	some b in blocks
	some l in b.logging
	tf.refers_to_bucket(l.target_bucket, name)
}
