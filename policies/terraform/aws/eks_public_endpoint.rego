# METADATA
# title: EKS API endpoint is open to the internet
# description: >-
#   The cluster's Kubernetes API endpoint is public by default
#   (vpc_config.endpoint_public_access defaults to true) and reachable from
#   0.0.0.0/0 unless public_access_cidrs restricts it. Reported when the
#   endpoint is public and the allowed CIDRs are missing or include 0.0.0.0/0.
# related_resources:
#   - ref: https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/eks_cluster#vpc_config
#   - ref: https://docs.aws.amazon.com/eks/latest/userguide/cluster-endpoint.html
# custom:
#   id: IG-AWS-EKS-001
#   severity: medium
#   remediation: |
#     vpc_config {
#       subnet_ids              = var.subnet_ids
#       endpoint_private_access = true
#       endpoint_public_access  = false
#     }
#     (or keep it public with public_access_cidrs = ["203.0.113.0/24"])
package infragate.rules.terraform.aws.eks_public_endpoint

import data.infragate.lib.terraform as tf

# public holds when the endpoint is (by default or explicitly) public.
public(vpc) if not has_key(vpc, "endpoint_public_access")

public(vpc) if tf.is_true(vpc.endpoint_public_access)

deny contains {"msg": msg, "path": path, "resource": addr} if {
	some res in tf.resources.aws_eks_cluster
	some vpc_blk in tf.blocks(res, "vpc_config")
	vpc := vpc_blk.body
	public(vpc)
	open := sort([c | some c in vpc.public_access_cidrs; tf.open_cidr(c)])
	count(open) > 0
	addr := res.address
	path := array.concat(vpc_blk.path, ["public_access_cidrs"])
	msg := sprintf("%s: public API endpoint allows %s", [addr, concat(", ", open)])
}

deny contains {"msg": msg, "path": path, "resource": addr} if {
	some res in tf.resources.aws_eks_cluster
	some vpc_blk in tf.blocks(res, "vpc_config")
	vpc := vpc_blk.body
	public(vpc)
	not has_key(vpc, "public_access_cidrs")
	addr := res.address
	path := array.concat(vpc_blk.path, public_attr(vpc))
	msg := sprintf("%s: API endpoint is public and public_access_cidrs is not set (defaults to 0.0.0.0/0)", [addr])
}

public_attr(vpc) := ["endpoint_public_access"] if has_key(vpc, "endpoint_public_access")

public_attr(vpc) := [] if not has_key(vpc, "endpoint_public_access")

has_key(obj, k) if _ = obj[k]
