# METADATA
# title: S3 bucket has no server-side encryption configuration
# description: >-
#   The bucket declares no default encryption, neither inline
#   (server_side_encryption_configuration) nor with an
#   aws_s3_bucket_server_side_encryption_configuration in the same file.
#   S3 applies SSE-S3 to new objects by default, so this is hygiene; declare
#   it, preferably with a customer-managed KMS key.
# related_resources:
#   - ref: https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/s3_bucket_server_side_encryption_configuration
# custom:
#   id: IG-AWS-S3-005
#   severity: low
#   remediation: |
#     resource "aws_s3_bucket_server_side_encryption_configuration" "b" {
#       bucket = aws_s3_bucket.b.id
#       rule {
#         apply_server_side_encryption_by_default {
#           sse_algorithm     = "aws:kms"
#           kms_master_key_id = aws_kms_key.s3.arn
#         }
#       }
#     }
package infragate.rules.terraform.aws.s3_encryption_missing

import data.infragate.lib.terraform as tf

warn contains {"msg": msg, "path": path, "resource": addr} if {
	some res in tf.resources.aws_s3_bucket
	b := res.body
	not tf.has_block(b, "server_side_encryption_configuration")
	not tf.bucket_referenced("aws_s3_bucket_server_side_encryption_configuration", res.name)
	addr := res.address
	path := res.path
	msg := sprintf("%s: no server-side encryption configuration for this bucket", [addr])
}
