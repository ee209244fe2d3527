# METADATA
# title: ECR repository does not scan images on push
# description: >-
#   Without image_scanning_configuration { scan_on_push = true } pushed images
#   are not checked for known vulnerabilities (unless registry-level enhanced
#   scanning is configured elsewhere).
# related_resources:
#   - ref: https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/ecr_repository#image_scanning_configuration
# custom:
#   id: IG-AWS-ECR-001
#   severity: low
#   remediation: |
#     image_scanning_configuration {
#       scan_on_push = true
#     }
package infragate.rules.terraform.aws.ecr_scan_on_push

import data.infragate.lib.terraform as tf

types := ["aws_ecr_repository"]

attrs := ["scan_on_push"]

block_names := ["image_scanning_configuration"]

warn contains {"msg": msg, "path": path, "resource": addr} if {
	some type in types
	some res in tf.resources[type]
	some block in block_names
	some nested in tf.blocks(res, block)
	blk := nested.body
	some attr in attrs
	bad(blk[attr])
	addr := res.address
	path := array.concat(nested.path, [attr])
	msg := sprintf("%s: %s.%s = %s: images are not scanned on push", [addr, block, attr, json.marshal(blk[attr])])
}

warn contains {"msg": msg, "path": path, "resource": addr} if {
	some type in types
	some res in tf.resources[type]
	b := res.body
	every block in block_names {
		not tf.has_block(b, block)
	}
	addr := res.address
	path := res.path
	msg := sprintf("%s: no image_scanning_configuration: images are not scanned on push", [addr])
}

bad(v) if tf.is_false(v)

has_key(obj, k) if _ = obj[k]
