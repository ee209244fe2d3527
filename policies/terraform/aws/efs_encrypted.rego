# METADATA
# title: EFS file system is not encrypted
# description: >-
#   encrypted defaults to false on aws_efs_file_system, and encryption at rest
#   can only be chosen when the file system is created.
# related_resources:
#   - ref: https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/efs_file_system
# custom:
#   id: IG-AWS-EFS-001
#   severity: medium
#   remediation: |
#     resource "aws_efs_file_system" "shared" {
#       encrypted  = true
#       kms_key_id = aws_kms_key.efs.arn
#     }
package infragate.rules.terraform.aws.efs_encrypted

import data.infragate.lib.terraform as tf

types := ["aws_efs_file_system"]

attrs := ["encrypted"]

deny contains {"msg": msg, "path": path, "resource": addr} if {
	some type in types
	some res in tf.resources[type]
	b := res.body
	some attr in attrs
	bad(b[attr])
	addr := res.address
	path := array.concat(res.path, [attr])
	msg := sprintf("%s: %s = %s: the file system is not encrypted", [addr, attr, json.marshal(b[attr])])
}

deny contains {"msg": msg, "path": path, "resource": addr} if {
	some type in types
	some res in tf.resources[type]
	b := res.body
	every attr in attrs {
		not has_key(b, attr)
	}
	addr := res.address
	path := res.path
	msg := sprintf("%s: encrypted is not set (defaults to false)", [addr])
}

bad(v) if tf.is_false(v)

has_key(obj, k) if _ = obj[k]
