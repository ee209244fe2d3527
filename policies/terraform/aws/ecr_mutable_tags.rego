# METADATA
# title: ECR repository allows tags to be overwritten
# description: >-
#   image_tag_mutability defaults to MUTABLE: a tag such as v1.2.3 can be
#   pushed again with different content, so a deployment by tag may not run
#   the image that was reviewed or scanned.
# related_resources:
#   - ref: https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/ecr_repository#image_tag_mutability
# custom:
#   id: IG-AWS-ECR-002
#   severity: low
#   remediation: |
#     resource "aws_ecr_repository" "app" {
#       name                 = "app"
#       image_tag_mutability = "IMMUTABLE"
#     }
package infragate.rules.terraform.aws.ecr_mutable_tags

import data.infragate.lib.terraform as tf

types := ["aws_ecr_repository"]

attrs := ["image_tag_mutability"]

warn contains {"msg": msg, "path": path, "resource": addr} if {
	some type in types
	some res in tf.resources[type]
	b := res.body
	some attr in attrs
	bad(b[attr])
	addr := res.address
	path := array.concat(res.path, [attr])
	msg := sprintf("%s: %s = %s: tags can be overwritten", [addr, attr, json.marshal(b[attr])])
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
	msg := sprintf("%s: image_tag_mutability is not set (defaults to MUTABLE)", [addr])
}

bad(v) if v == "MUTABLE"

has_key(obj, k) if _ = obj[k]
