# METADATA
# title: EKS cluster does not encrypt Kubernetes secrets with KMS
# description: >-
#   Without an encryption_config for the secrets resource, Kubernetes Secrets
#   are stored in etcd with only the default volume encryption; envelope
#   encryption with a KMS key protects them from anyone who can read etcd.
# related_resources:
#   - ref: https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/eks_cluster#encryption_config
#   - ref: https://docs.aws.amazon.com/eks/latest/userguide/enable-kms.html
# custom:
#   id: IG-AWS-EKS-003
#   severity: medium
#   remediation: |
#     resource "aws_eks_cluster" "main" {
#       # ...
#       encryption_config {
#         resources = ["secrets"]
#         provider {
#           key_arn = aws_kms_key.eks.arn
#         }
#       }
#     }
package infragate.rules.terraform.aws.eks_secrets_encryption

import data.infragate.lib.terraform as tf

types := ["aws_eks_cluster"]

attrs := ["resources"]

block_names := ["encryption_config"]

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
	msg := sprintf("%s: %s.%s = %s: secrets are not in the encrypted resources", [addr, block, attr, json.marshal(blk[attr])])
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
	msg := sprintf("%s: no encryption_config: Kubernetes secrets are not encrypted with a KMS key", [addr])
}

bad(v) if {
	is_array(v)
	not "secrets" in v
}

has_key(obj, k) if _ = obj[k]
