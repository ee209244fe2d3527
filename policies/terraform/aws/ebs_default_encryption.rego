# METADATA
# title: EBS encryption by default is turned off
# description: >-
#   aws_ebs_encryption_by_default with enabled = false lets new volumes and
#   snapshot copies in the region be created unencrypted.
# related_resources:
#   - ref: https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/ebs_encryption_by_default
# custom:
#   id: IG-AWS-EBS-002
#   severity: medium
#   remediation: |
#     resource "aws_ebs_encryption_by_default" "this" {
#       enabled = true
#     }
package infragate.rules.terraform.aws.ebs_default_encryption

import data.infragate.lib.terraform as tf

types := ["aws_ebs_encryption_by_default"]

attrs := ["enabled"]

deny contains {"msg": msg, "path": path, "resource": addr} if {
	some type in types
	some res in tf.resources[type]
	b := res.body
	some attr in attrs
	bad(b[attr])
	addr := res.address
	path := array.concat(res.path, [attr])
	msg := sprintf("%s: %s = %s: new EBS volumes are not encrypted by default", [addr, attr, json.marshal(b[attr])])
}

bad(v) if tf.is_false(v)

has_key(obj, k) if _ = obj[k]
