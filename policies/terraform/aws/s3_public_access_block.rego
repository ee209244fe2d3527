# METADATA
# title: S3 public access block does not block everything
# description: >-
#   Each of block_public_acls, block_public_policy, ignore_public_acls and
#   restrict_public_buckets defaults to false in aws_s3_bucket_public_access_block
#   and aws_s3_account_public_access_block; any of them left false lets a
#   public ACL or bucket policy take effect.
# related_resources:
#   - ref: https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/s3_bucket_public_access_block
#   - ref: https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html
# custom:
#   id: IG-AWS-S3-003
#   severity: medium
#   remediation: |
#     resource "aws_s3_bucket_public_access_block" "b" {
#       bucket                  = aws_s3_bucket.b.id
#       block_public_acls       = true
#       block_public_policy     = true
#       ignore_public_acls      = true
#       restrict_public_buckets = true
#     }
package infragate.rules.terraform.aws.s3_public_access_block

import data.infragate.lib.terraform as tf

settings := ["block_public_acls", "block_public_policy", "ignore_public_acls", "restrict_public_buckets"]

types := ["aws_s3_bucket_public_access_block", "aws_s3_account_public_access_block"]

deny contains {"msg": msg, "path": path, "resource": addr} if {
	some type in types
	some res in tf.resources[type]
	b := res.body
	some attr in settings
	tf.is_false(b[attr])
	addr := res.address
	path := array.concat(res.path, [attr])
	msg := sprintf("%s: %s is false", [addr, attr])
}

deny contains {"msg": msg, "path": path, "resource": addr} if {
	some type in types
	some res in tf.resources[type]
	b := res.body
	some attr in settings
	not has_key(b, attr)
	addr := res.address
	path := res.path
	msg := sprintf("%s: %s is not set (defaults to false)", [addr, attr])
}

has_key(obj, k) if _ = obj[k]
