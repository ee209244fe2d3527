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
	not res.name in log_targets
	addr := res.address
	path := res.path
	msg := sprintf("%s: no access logging configured for this bucket", [addr])
}

# A bucket that receives the access logs of another bucket in this file is
# not expected to log to itself. (A set built once per document: asking it
# of each bucket in turn was quadratic in the buckets of a file.)
log_targets contains name if {
	some r in tf.resources.aws_s3_bucket_logging
	some name in tf.buckets_named(r.body.target_bucket)
}

log_targets contains name if {
	some r in tf.resources.aws_s3_bucket
	some l in tf.blocks(r, "logging")
	some name in tf.buckets_named(l.body.target_bucket)
}
