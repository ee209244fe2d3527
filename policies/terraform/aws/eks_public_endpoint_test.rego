package infragate.rules.terraform.aws.eks_public_endpoint_test

import data.infragate.lib.terraform_test.locs
import data.infragate.rules.terraform.aws.eks_public_endpoint.deny

test_default_public if {
	r := deny with input as {"resource": {"aws_eks_cluster": {"c": [{"vpc_config": [{"subnet_ids": ["s-1"]}]}]}}}
	locs(r) == {["aws_eks_cluster.c", ["resource", "aws_eks_cluster", "c", 0, "vpc_config", 0]]}
}

test_explicit_public if {
	r := deny with input as {"resource": {"aws_eks_cluster": {"c": [{"vpc_config": [{"endpoint_public_access": true}]}]}}}
	locs(r) == {["aws_eks_cluster.c", ["resource", "aws_eks_cluster", "c", 0, "vpc_config", 0, "endpoint_public_access"]]}
}

test_open_cidrs if {
	r := deny with input as {"resource": {"aws_eks_cluster": {"c": [{"vpc_config": [{"endpoint_public_access": true, "public_access_cidrs": ["0.0.0.0/0"]}]}]}}}
	locs(r) == {["aws_eks_cluster.c", ["resource", "aws_eks_cluster", "c", 0, "vpc_config", 0, "public_access_cidrs"]]}
}

test_compliant if {
	count(deny) == 0 with input as {"resource": {"aws_eks_cluster": {
		"private": [{"vpc_config": [{"endpoint_public_access": false, "endpoint_private_access": true}]}],
		"restricted": [{"vpc_config": [{"public_access_cidrs": ["203.0.113.0/24"]}]}],
	}}}
}

test_unknown if {
	count(deny) == 0 with input as {"resource": {"aws_eks_cluster": {
		"a": [{"vpc_config": [{"endpoint_public_access": "${var.public}"}]}],
		"b": [{"vpc_config": [{"public_access_cidrs": "${var.cidrs}"}]}],
	}}}
}

test_open_cidr_spelled_otherwise if {
	r := deny with input as {"resource": {"aws_eks_cluster": {"c": [{"vpc_config": [{"public_access_cidrs": ["10.0.0.0/8", "::0/0"]}]}]}}}
	locs(r) == {["aws_eks_cluster.c", ["resource", "aws_eks_cluster", "c", 0, "vpc_config", 0, "public_access_cidrs"]]}
	some f in r
	contains(f.msg, "allows ::0/0")
}
