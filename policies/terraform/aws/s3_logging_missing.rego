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
	some res in tf.resources.aws_s3_bucket
	b := res.body
	not tf.has_block(b, "logging")
	not tf.bucket_referenced("aws_s3_bucket_logging", res.name)
	not log_target(res.name)
	addr := res.address
	path := res.path
	msg := sprintf("%s: no access logging configured for this bucket", [addr])
}

# A bucket that receives the access logs of another bucket in this file is
# not expected to log to itself.
log_target(name) if {
	some r in tf.resources.aws_s3_bucket_logging
	tf.refers_to_bucket(r.body.target_bucket, name)
}

log_target(name) if {
	some r in tf.resources.aws_s3_bucket
	some l in tf.blocks(r, "logging")
	tf.refers_to_bucket(l.body.target_bucket, name)
}
