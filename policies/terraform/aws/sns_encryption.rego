# METADATA
# title: SNS topic is not encrypted at rest
# description: >-
#   Without kms_master_key_id, messages published to the topic are stored
#   unencrypted.
# related_resources:
#   - ref: https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/sns_topic#kms_master_key_id
#   - ref: https://docs.aws.amazon.com/sns/latest/dg/sns-server-side-encryption.html
# custom:
#   id: IG-AWS-SNS-001
#   severity: low
#   remediation: |
#     resource "aws_sns_topic" "events" {
#       name              = "events"
#       kms_master_key_id = "alias/aws/sns"
#     }
package infragate.rules.terraform.aws.sns_encryption

import data.infragate.lib.terraform as tf

types := ["aws_sns_topic"]

attrs := ["kms_master_key_id"]

warn contains {"msg": msg, "path": path, "resource": addr} if {
	some type in types
	some res in tf.resources[type]
	b := res.body
	some attr in attrs
	bad(b[attr])
	addr := res.address
	path := array.concat(res.path, [attr])
	msg := sprintf("%s: %s = %s: no key is set", [addr, attr, json.marshal(b[attr])])
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
	msg := sprintf("%s: kms_master_key_id is not set: messages are not encrypted at rest", [addr])
}

bad(v) if v == ""

has_key(obj, k) if _ = obj[k]
