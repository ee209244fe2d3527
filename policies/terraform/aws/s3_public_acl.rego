# METADATA
# title: S3 bucket ACL grants public access
# description: >-
#   A canned ACL of public-read, public-read-write or authenticated-read, or a
#   grant to the AllUsers or AuthenticatedUsers groups, lets anyone (or any AWS
#   account) list or read the bucket, and with write access change its content.
# related_resources:
#   - ref: https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/s3_bucket_acl
#   - ref: https://docs.aws.amazon.com/AmazonS3/latest/userguide/acl-overview.html
# custom:
#   id: IG-AWS-S3-001
#   severity: high
#   remediation: |
#     Keep the bucket private and grant access through IAM or a bucket policy:
#       resource "aws_s3_bucket_acl" "b" {
#         bucket = aws_s3_bucket.b.id
#         acl    = "private"
#       }
package infragate.rules.terraform.aws.s3_public_acl

import data.infragate.lib.terraform as tf

public_acls := {"public-read", "public-read-write", "authenticated-read"}

public_groups := {
	"http://acs.amazonaws.com/groups/global/AllUsers",
	"http://acs.amazonaws.com/groups/global/AuthenticatedUsers",
}

deny contains {"msg": msg, "path": path, "resource": addr} if {
	some type in ["aws_s3_bucket", "aws_s3_bucket_acl"]
	some name, blocks in input.resource[type]
	some i, b in blocks
	b.acl in public_acls
	addr := tf.address(type, name)
	path := ["resource", type, name, i, "acl"]
	msg := sprintf("%s: canned ACL %q makes the bucket public", [addr, b.acl])
}

# Inline grant blocks of aws_s3_bucket (provider v3).
deny contains {"msg": msg, "path": path, "resource": addr} if {
	some name, blocks in input.resource.aws_s3_bucket
	some i, b in blocks
	some j, g in b.grant
	g.uri in public_groups
	addr := tf.address("aws_s3_bucket", name)
	path := ["resource", "aws_s3_bucket", name, i, "grant", j, "uri"]
	msg := sprintf("%s: ACL grant to %s makes the bucket public", [addr, g.uri])
}

# access_control_policy grants of aws_s3_bucket_acl (provider v4+).
deny contains {"msg": msg, "path": path, "resource": addr} if {
	some name, blocks in input.resource.aws_s3_bucket_acl
	some i, b in blocks
	some j, acp in b.access_control_policy
	some k, g in acp.grant
	some l, grantee in g.grantee
	grantee.uri in public_groups
	addr := tf.address("aws_s3_bucket_acl", name)
	path := ["resource", "aws_s3_bucket_acl", name, i, "access_control_policy", j, "grant", k, "grantee", l, "uri"]
	msg := sprintf("%s: ACL grant to %s makes the bucket public", [addr, grantee.uri])
}
