# METADATA
# title: CloudTrail logs are not encrypted with a KMS key
# description: >-
#   Without kms_key_id the trail's log files get only the bucket's default
#   encryption; a customer-managed KMS key adds an access check and an audit
#   trail for reading the logs.
# related_resources:
#   - ref: https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/cloudtrail#kms_key_id
# custom:
#   id: IG-AWS-CT-003
#   severity: low
#   remediation: |
#     resource "aws_cloudtrail" "main" {
#       # ...
#       kms_key_id = aws_kms_key.trail.arn
#     }
package infragate.rules.terraform.aws.cloudtrail_kms

import data.infragate.lib.terraform as tf

types := ["aws_cloudtrail"]

attrs := ["kms_key_id"]

warn contains {"msg": msg, "path": path, "resource": addr} if {
	some type in types
	some res in tf.resources[type]
	b := res.body
	some attr in attrs
	bad(b[attr])
	addr := res.address
	path := array.concat(res.path, [attr])
	msg := sprintf("%s: %s = %s: no customer-managed key is used", [addr, attr, json.marshal(b[attr])])
}

warn contains {"msg": msg, "path": path, "resource": addr} if {
	some type in types
	some res in tf.resources[type]
	b := res.body
	every attr in attrs {
		not has_key(b, attr)
	}
	addr := res.address
	path := res.path
	msg := sprintf("%s: kms_key_id is not set: logs are not encrypted with a customer-managed key", [addr])
}

bad(v) if v == ""

has_key(obj, k) if _ = obj[k]
