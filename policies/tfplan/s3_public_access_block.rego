# METADATA
# title: Planned S3 public access block does not block everything
# description: >-
#   A planned aws_s3_bucket_public_access_block or
#   aws_s3_account_public_access_block sets block_public_acls,
#   block_public_policy, ignore_public_acls or restrict_public_buckets to
#   false, so a public ACL or policy can expose the bucket.
# related_resources:
#   - ref: https://developer.hashicorp.com/terraform/internals/json-format#plan-representation
#   - ref: https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/s3_bucket_public_access_block
# custom:
#   id: IG-PLAN-AWS-S3-003
#   severity: medium
#   related_ids: [IG-AWS-S3-003]
#   remediation: |
#     resource "aws_s3_bucket_public_access_block" "b" {
#       bucket                  = aws_s3_bucket.b.id
#       block_public_acls       = true
#       block_public_policy     = true
#       ignore_public_acls      = true
#       restrict_public_buckets = true
#     }
package infragate.rules.tfplan.s3_public_access_block

import data.infragate.lib.tfplan

settings := ["block_public_acls", "block_public_policy", "ignore_public_acls", "restrict_public_buckets"]

deny contains {"msg": msg, "path": tfplan.attr_path(r, attr), "resource": r.address} if {
	some t in ["aws_s3_bucket_public_access_block", "aws_s3_account_public_access_block"]
	some r in tfplan.of_type(t)
	some attr in settings
	r.after[attr] == false
	msg := sprintf("%s: %s is planned as false", [r.address, attr])
}
