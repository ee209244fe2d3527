package infragate.rules.terraform.aws.eks_secrets_encryption_test

import data.infragate.lib.terraform_test.locs
import data.infragate.rules.terraform.aws.eks_secrets_encryption.deny

test_missing if {
	r := deny with input as {"resource": {"aws_eks_cluster": {"x": [{"name": "x"}]}}}
	locs(r) == {["aws_eks_cluster.x", ["resource", "aws_eks_cluster", "x", 0]]}
	some f in r
	startswith(f.msg, "aws_eks_cluster.x: ")
}

test_no_secrets if {
	r := deny with input as {"resource": {"aws_eks_cluster": {"x": [{"encryption_config": [{"resources": []}]}]}}}
	locs(r) == {["aws_eks_cluster.x", ["resource", "aws_eks_cluster", "x", 0, "encryption_config", 0, "resources"]]}
	some f in r
	startswith(f.msg, "aws_eks_cluster.x: ")
}

test_encrypted if {
	count(deny) == 0 with input as {"resource": {"aws_eks_cluster": {"x": [{"encryption_config": [{"resources": ["secrets"], "provider": [{"key_arn": "${aws_kms_key.k.arn}"}]}]}]}}}
}

test_unknown if {
	count(deny) == 0 with input as {"resource": {"aws_eks_cluster": {"x": [{"encryption_config": [{"resources": "${var.resources}"}]}]}}}
}
