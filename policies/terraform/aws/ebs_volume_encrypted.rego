# METADATA
# title: EBS volume is not encrypted
# description: >-
#   encrypted defaults to false on aws_ebs_volume (unless encryption by
#   default is enabled for the account and region, which a file cannot show).
#   Volumes created from a snapshot inherit its encryption and are not
#   reported.
# related_resources:
#   - ref: https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/ebs_volume
# custom:
#   id: IG-AWS-EBS-001
#   severity: medium
#   remediation: |
#     resource "aws_ebs_volume" "data" {
#       availability_zone = "eu-west-1a"
#       size              = 100
#       encrypted         = true
#       kms_key_id        = aws_kms_key.ebs.arn
#     }
package infragate.rules.terraform.aws.ebs_volume_encrypted

import data.infragate.lib.terraform as tf

types := ["aws_ebs_volume"]

attrs := ["encrypted"]

deny contains {"msg": msg, "path": path, "resource": addr} if {
	some type in types
	some res in tf.resources[type]
	b := res.body
	not b.snapshot_id
	some attr in attrs
	bad(b[attr])
	addr := res.address
	path := array.concat(res.path, [attr])
	msg := sprintf("%s: %s = %s: the volume is not encrypted", [addr, attr, json.marshal(b[attr])])
}

deny contains {"msg": msg, "path": path, "resource": addr} if {
	some type in types
	some res in tf.resources[type]
	b := res.body
	not b.snapshot_id
	every attr in attrs {
		not has_key(b, attr)
	}
	addr := res.address
	path := res.path
	msg := sprintf("%s: encrypted is not set (defaults to false)", [addr])
}

bad(v) if tf.is_false(v)

has_key(obj, k) if _ = obj[k]
