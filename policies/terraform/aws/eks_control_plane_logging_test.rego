package infragate.rules.terraform.aws.eks_control_plane_logging_test

import data.infragate.lib.terraform_test.locs
import data.infragate.rules.terraform.aws.eks_control_plane_logging.deny

test_missing if {
	r := deny with input as {"resource": {"aws_eks_cluster": {"c": [{"name": "c"}]}}}
	locs(r) == {["aws_eks_cluster.c", ["resource", "aws_eks_cluster", "c", 0]]}
}

test_no_audit if {
	r := deny with input as {"resource": {"aws_eks_cluster": {"c": [{"enabled_cluster_log_types": ["api"]}]}}}
	locs(r) == {["aws_eks_cluster.c", ["resource", "aws_eks_cluster", "c", 0, "enabled_cluster_log_types"]]}
}

test_audit if {
	count(deny) == 0 with input as {"resource": {"aws_eks_cluster": {"c": [{"enabled_cluster_log_types": ["api", "audit"]}]}}}
}

test_unknown if {
	count(deny) == 0 with input as {"resource": {"aws_eks_cluster": {"c": [{"enabled_cluster_log_types": "${var.log_types}"}]}}}
}
