# METADATA
# title: Planned S3 bucket ACL grants public access
# description: >-
#   The planned canned ACL of an aws_s3_bucket or aws_s3_bucket_acl is
#   public-read, public-read-write or authenticated-read. Checked on the
#   plan, so ACLs computed from variables and modules are judged too.
# related_resources:
#   - ref: https://developer.hashicorp.com/terraform/internals/json-format#plan-representation
#   - ref: https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/s3_bucket_acl
# custom:
#   id: IG-PLAN-AWS-S3-001
#   severity: high
#   related_ids: [IG-AWS-S3-001]
#   remediation: |
#     Keep the bucket private and grant access through IAM or a bucket policy:
#       resource "aws_s3_bucket_acl" "b" {
#         bucket = aws_s3_bucket.b.id
#         acl    = "private"
#       }
package infragate.rules.tfplan.s3_public_acl

import data.infragate.lib.tfplan

public_acls := {"public-read", "public-read-write", "authenticated-read"}

deny contains {"msg": msg, "path": tfplan.attr_path(r, "acl"), "resource": r.address} if {
	some t in ["aws_s3_bucket", "aws_s3_bucket_acl"]
	some r in tfplan.of_type(t)
	r.after.acl in public_acls
	msg := sprintf("%s: planned canned ACL %q makes the bucket public", [r.address, r.after.acl])
}
