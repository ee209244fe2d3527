# METADATA
# title: KMS key rotation is disabled
# description: >-
#   enable_key_rotation defaults to false on aws_kms_key. Only symmetric
#   encryption keys support automatic rotation; asymmetric and HMAC keys
#   (key_spec or customer_master_key_spec other than SYMMETRIC_DEFAULT) are
#   not reported.
# related_resources:
#   - ref: https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/kms_key#enable_key_rotation
#   - ref: https://docs.aws.amazon.com/kms/latest/developerguide/rotate-keys.html
# custom:
#   id: IG-AWS-KMS-001
#   severity: medium
#   remediation: |
#     resource "aws_kms_key" "k" {
#       description         = "app data"
#       enable_key_rotation = true
#     }
package infragate.rules.terraform.aws.kms_rotation

import data.infragate.lib.terraform as tf

types := ["aws_kms_key"]

attrs := ["enable_key_rotation"]

deny contains {"msg": msg, "path": path, "resource": addr} if {
	some type in types
	some res in tf.resources[type]
	b := res.body
	symmetric(b)
	some attr in attrs
	bad(b[attr])
	addr := res.address
	path := array.concat(res.path, [attr])
	msg := sprintf("%s: %s = %s: the key is never rotated", [addr, attr, json.marshal(b[attr])])
}

deny contains {"msg": msg, "path": path, "resource": addr} if {
	some type in types
	some res in tf.resources[type]
	b := res.body
	symmetric(b)
	every attr in attrs {
		not has_key(b, attr)
	}
	addr := res.address
	path := res.path
	msg := sprintf("%s: enable_key_rotation is not set (defaults to false)", [addr])
}

bad(v) if tf.is_false(v)

has_key(obj, k) if _ = obj[k]

symmetric(b) if {
	not b.key_spec
	not b.customer_master_key_spec
}

symmetric(b) if b.key_spec == "SYMMETRIC_DEFAULT"

symmetric(b) if b.customer_master_key_spec == "SYMMETRIC_DEFAULT"
