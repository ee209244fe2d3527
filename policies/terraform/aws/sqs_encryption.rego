# METADATA
# title: SQS queue encryption is turned off
# description: >-
#   sqs_managed_sse_enabled = false without a kms_master_key_id stores
#   messages unencrypted; SQS encrypts new queues by default, so this is an
#   explicit opt-out.
# related_resources:
#   - ref: https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/sqs_queue#sqs_managed_sse_enabled
# custom:
#   id: IG-AWS-SQS-001
#   severity: medium
#   remediation: |
#     resource "aws_sqs_queue" "jobs" {
#       name                    = "jobs"
#       sqs_managed_sse_enabled = true
#     }
package infragate.rules.terraform.aws.sqs_encryption

import data.infragate.lib.terraform as tf

types := ["aws_sqs_queue"]

attrs := ["sqs_managed_sse_enabled"]

deny contains {"msg": msg, "path": path, "resource": addr} if {
	some type in types
	some res in tf.resources[type]
	b := res.body
	not b.kms_master_key_id
	some attr in attrs
	bad(b[attr])
	addr := res.address
	path := array.concat(res.path, [attr])
	msg := sprintf("%s: %s = %s: messages are not encrypted at rest", [addr, attr, json.marshal(b[attr])])
}

bad(v) if tf.is_false(v)

has_key(obj, k) if _ = obj[k]
