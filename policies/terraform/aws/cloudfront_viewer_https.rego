# METADATA
# title: CloudFront distribution allows plain HTTP to viewers
# description: >-
#   viewer_protocol_policy = "allow-all" serves content over unencrypted HTTP;
#   use redirect-to-https or https-only in the default and every ordered cache
#   behavior.
# related_resources:
#   - ref: https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/cloudfront_distribution#viewer_protocol_policy
# custom:
#   id: IG-AWS-CF-001
#   severity: medium
#   remediation: |
#     default_cache_behavior {
#       # ...
#       viewer_protocol_policy = "redirect-to-https"
#     }
package infragate.rules.terraform.aws.cloudfront_viewer_https

import data.infragate.lib.terraform as tf

types := ["aws_cloudfront_distribution"]

attrs := ["viewer_protocol_policy"]

block_names := ["default_cache_behavior", "ordered_cache_behavior"]

deny contains {"msg": msg, "path": path, "resource": addr} if {
	some type in types
	some res in tf.resources[type]
	some block in block_names
	some nested in tf.blocks(res, block)
	blk := nested.body
	some attr in attrs
	bad(blk[attr])
	addr := res.address
	path := array.concat(nested.path, [attr])
	msg := sprintf("%s: %s.%s = %s: viewers can use unencrypted HTTP", [addr, block, attr, json.marshal(blk[attr])])
}

bad(v) if v == "allow-all"

has_key(obj, k) if _ = obj[k]
