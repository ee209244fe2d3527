# METADATA
# title: CloudTrail log file validation is disabled
# description: >-
#   enable_log_file_validation defaults to false: without digest files,
#   deleted or altered log files go unnoticed.
# related_resources:
#   - ref: https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/cloudtrail#enable_log_file_validation
# custom:
#   id: IG-AWS-CT-002
#   severity: medium
#   remediation: |
#     resource "aws_cloudtrail" "main" {
#       # ...
#       enable_log_file_validation = true
#     }
package infragate.rules.terraform.aws.cloudtrail_log_validation

import data.infragate.lib.terraform as tf

types := ["aws_cloudtrail"]

attrs := ["enable_log_file_validation"]

deny contains {"msg": msg, "path": path, "resource": addr} if {
	some type in types
	some res in tf.resources[type]
	b := res.body
	some attr in attrs
	bad(b[attr])
	addr := res.address
	path := array.concat(res.path, [attr])
	msg := sprintf("%s: %s = %s: log file integrity is not validated", [addr, attr, json.marshal(b[attr])])
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
	msg := sprintf("%s: enable_log_file_validation is not set (defaults to false)", [addr])
}

bad(v) if tf.is_false(v)

has_key(obj, k) if _ = obj[k]
