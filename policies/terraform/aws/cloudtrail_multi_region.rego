# METADATA
# title: CloudTrail trail is not multi-region
# description: >-
#   is_multi_region_trail defaults to false: activity in other regions (where
#   an attacker may start resources) is not recorded by the trail.
# related_resources:
#   - ref: https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/cloudtrail
# custom:
#   id: IG-AWS-CT-001
#   severity: medium
#   remediation: |
#     resource "aws_cloudtrail" "main" {
#       # ...
#       is_multi_region_trail = true
#     }
package infragate.rules.terraform.aws.cloudtrail_multi_region

import data.infragate.lib.terraform as tf

types := ["aws_cloudtrail"]

attrs := ["is_multi_region_trail"]

deny contains {"msg": msg, "path": path, "resource": addr} if {
	some type in types
	some res in tf.resources[type]
	b := res.body
	some attr in attrs
	bad(b[attr])
	addr := res.address
	path := array.concat(res.path, [attr])
	msg := sprintf("%s: %s = %s: the trail records one region only", [addr, attr, json.marshal(b[attr])])
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
	msg := sprintf("%s: is_multi_region_trail is not set (defaults to false)", [addr])
}

bad(v) if tf.is_false(v)

has_key(obj, k) if _ = obj[k]
