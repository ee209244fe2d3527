# METADATA
# title: S3 bucket has no public access block
# description: >-
#   A bucket without an aws_s3_bucket_public_access_block (in the same file)
#   relies on account settings to stop a public ACL or policy. Newer buckets
#   get a public access block by default, so this is hygiene; declaring it
#   keeps the protection under review.
# related_resources:
#   - ref: https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/s3_bucket_public_access_block
# custom:
#   id: IG-AWS-S3-004
#   severity: low
#   remediation: |
#     resource "aws_s3_bucket_public_access_block" "b" {
#       bucket                  = aws_s3_bucket.b.id
#       block_public_acls       = true
#       block_public_policy     = true
#       ignore_public_acls      = true
#       restrict_public_buckets = true
#     }
package infragate.rules.terraform.aws.s3_public_access_block_missing

import data.infragate.lib.terraform as tf

warn contains {"msg": msg, "path": path, "resource": addr} if {
	some res in tf.resources.aws_s3_bucket
	not tf.bucket_referenced("aws_s3_bucket_public_access_block", res.name)
	addr := res.address
	path := res.path
	msg := sprintf("%s: no aws_s3_bucket_public_access_block for this bucket", [addr])
}
