# METADATA
# title: S3 bucket versioning is not enabled
# description: >-
#   Without versioning, an overwritten or deleted object cannot be recovered.
#   Reported when versioning is disabled or suspended (inline versioning block
#   or aws_s3_bucket_versioning), or declared nowhere in the same file.
# related_resources:
#   - ref: https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/s3_bucket_versioning
# custom:
#   id: IG-AWS-S3-006
#   severity: low
#   remediation: |
#     resource "aws_s3_bucket_versioning" "b" {
#       bucket = aws_s3_bucket.b.id
#       versioning_configuration {
#         status = "Enabled"
#       }
#     }
package infragate.rules.terraform.aws.s3_versioning

import data.infragate.lib.terraform as tf

warn contains {"msg": msg, "path": path, "resource": addr} if {
	some res in tf.resources.aws_s3_bucket
	some v_blk in tf.blocks(res, "versioning")
	v := v_blk.body
	tf.is_false(v.enabled)
	addr := res.address
	path := array.concat(v_blk.path, ["enabled"])
	msg := sprintf("%s: versioning is disabled", [addr])
}

warn contains {"msg": msg, "path": path, "resource": addr} if {
	some res in tf.resources.aws_s3_bucket
	some v_blk in tf.blocks(res, "versioning")
	v := v_blk.body
	not has_key(v, "enabled")
	addr := res.address
	path := v_blk.path
	msg := sprintf("%s: versioning block does not set enabled = true", [addr])
}

warn contains {"msg": msg, "path": path, "resource": addr} if {
	some res in tf.resources.aws_s3_bucket_versioning
	some v_blk in tf.blocks(res, "versioning_configuration")
	v := v_blk.body
	v.status in {"Suspended", "Disabled"}
	addr := res.address
	path := array.concat(v_blk.path, ["status"])
	msg := sprintf("%s: versioning status is %q", [addr, v.status])
}

warn contains {"msg": msg, "path": path, "resource": addr} if {
	some res in tf.resources.aws_s3_bucket
	b := res.body
	not tf.has_block(b, "versioning")
	not tf.bucket_referenced("aws_s3_bucket_versioning", res.name)
	addr := res.address
	path := res.path
	msg := sprintf("%s: versioning is not configured for this bucket", [addr])
}

has_key(obj, k) if _ = obj[k]
