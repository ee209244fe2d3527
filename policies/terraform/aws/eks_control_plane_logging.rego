# METADATA
# title: EKS control plane audit logging is not enabled
# description: >-
#   enabled_cluster_log_types is empty by default, so the Kubernetes API
#   server's audit log (who did what in the cluster) is not sent to
#   CloudWatch. Reported when the argument is missing or does not include
#   "audit".
# related_resources:
#   - ref: https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/eks_cluster#enabled_cluster_log_types
#   - ref: https://docs.aws.amazon.com/eks/latest/userguide/control-plane-logs.html
# custom:
#   id: IG-AWS-EKS-002
#   severity: medium
#   remediation: |
#     resource "aws_eks_cluster" "main" {
#       # ...
#       enabled_cluster_log_types = ["api", "audit", "authenticator"]
#     }
package infragate.rules.terraform.aws.eks_control_plane_logging

import data.infragate.lib.terraform as tf

deny contains {"msg": msg, "path": path, "resource": addr} if {
	some res in tf.resources.aws_eks_cluster
	b := res.body
	not has_key(b, "enabled_cluster_log_types")
	addr := res.address
	path := res.path
	msg := sprintf("%s: enabled_cluster_log_types is not set: no control plane logs are kept", [addr])
}

deny contains {"msg": msg, "path": path, "resource": addr} if {
	some res in tf.resources.aws_eks_cluster
	b := res.body
	is_array(b.enabled_cluster_log_types)
	not "audit" in b.enabled_cluster_log_types
	addr := res.address
	path := array.concat(res.path, ["enabled_cluster_log_types"])
	msg := sprintf("%s: enabled_cluster_log_types does not include \"audit\"", [addr])
}

has_key(obj, k) if _ = obj[k]
