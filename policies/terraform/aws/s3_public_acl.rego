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
	some res in tf.resources[type]
	b := res.body
	b.acl in public_acls
	addr := res.address
	path := array.concat(res.path, ["acl"])
	msg := sprintf("%s: canned ACL %q makes the bucket public", [addr, b.acl])
}

# Inline grant blocks of aws_s3_bucket (provider v3).
deny contains {"msg": msg, "path": path, "resource": addr} if {
	some res in tf.resources.aws_s3_bucket
	some g_blk in tf.blocks(res, "grant")
	g := g_blk.body
	g.uri in public_groups
	addr := res.address
	path := array.concat(g_blk.path, ["uri"])
	msg := sprintf("%s: ACL grant to %s makes the bucket public", [addr, g.uri])
}

# access_control_policy grants of aws_s3_bucket_acl (provider v4+).
deny contains {"msg": msg, "path": path, "resource": addr} if {
	some res in tf.resources.aws_s3_bucket_acl
	some acp in tf.blocks(res, "access_control_policy")
	some g in tf.blocks(acp, "grant")
	some grantee in tf.blocks(g, "grantee")
	grantee.body.uri in public_groups
	addr := res.address
	path := array.concat(grantee.path, ["uri"])
	msg := sprintf("%s: ACL grant to %s makes the bucket public", [addr, grantee.body.uri])
}
