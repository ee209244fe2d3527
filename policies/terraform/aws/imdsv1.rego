# METADATA
# title: Instance metadata service allows IMDSv1
# description: >-
#   Unless metadata_options.http_tokens is "required", instances accept IMDSv1
#   requests, which a server-side request forgery can use to steal the
#   instance role's credentials. Checked on aws_instance, aws_launch_template
#   and aws_launch_configuration; an instance with http_endpoint = "disabled"
#   is not reported.
# related_resources:
#   - ref: https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/instance#metadata-options
#   - ref: https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/configuring-instance-metadata-service.html
# custom:
#   id: IG-AWS-EC2-001
#   severity: medium
#   remediation: |
#     metadata_options {
#       http_endpoint = "enabled"
#       http_tokens   = "required"
#     }
package infragate.rules.terraform.aws.imdsv1

import data.infragate.lib.terraform as tf

types := ["aws_instance", "aws_launch_template", "aws_launch_configuration"]

attrs := ["http_tokens"]

block_names := ["metadata_options"]

deny contains {"msg": msg, "path": path, "resource": addr} if {
	some type in types
	some res in tf.resources[type]
	some block in block_names
	some nested in tf.blocks(res, block)
	blk := nested.body
	not blk.http_endpoint == "disabled"
	some attr in attrs
	bad(blk[attr])
	addr := res.address
	path := array.concat(nested.path, [attr])
	msg := sprintf("%s: %s.%s = %s: IMDSv1 requests are accepted", [addr, block, attr, json.marshal(blk[attr])])
}

deny contains {"msg": msg, "path": path, "resource": addr} if {
	some type in types
	some res in tf.resources[type]
	some block in block_names
	some nested in tf.blocks(res, block)
	blk := nested.body
	not blk.http_endpoint == "disabled"
	every attr in attrs {
		not has_key(blk, attr)
	}
	addr := res.address
	path := nested.path
	msg := sprintf("%s: %s.http_tokens is not set (defaults to optional: IMDSv1 is accepted)", [addr, block])
}

deny contains {"msg": msg, "path": path, "resource": addr} if {
	some type in types
	some res in tf.resources[type]
	b := res.body
	every block in block_names {
		not tf.has_block(b, block)
	}
	addr := res.address
	path := res.path
	msg := sprintf("%s: no metadata_options: IMDSv1 is accepted (set http_tokens = \"required\")", [addr])
}

bad(v) if v == "optional"

has_key(obj, k) if _ = obj[k]
