package infragate.rules.terraform.aws.kms_rotation_test

import data.infragate.lib.terraform_test.locs
import data.infragate.rules.terraform.aws.kms_rotation.deny

test_explicit_false if {
	r := deny with input as {"resource": {"aws_kms_key": {"x": [{"enable_key_rotation": false}]}}}
	locs(r) == {["aws_kms_key.x", ["resource", "aws_kms_key", "x", 0, "enable_key_rotation"]]}
	some f in r
	startswith(f.msg, "aws_kms_key.x: ")
}

test_missing if {
	r := deny with input as {"resource": {"aws_kms_key": {"x": [{"description": "x"}]}}}
	locs(r) == {["aws_kms_key.x", ["resource", "aws_kms_key", "x", 0]]}
	some f in r
	startswith(f.msg, "aws_kms_key.x: ")
}

test_enabled if {
	count(deny) == 0 with input as {"resource": {"aws_kms_key": {"x": [{"enable_key_rotation": true}]}}}
}

test_asymmetric if {
	count(deny) == 0 with input as {"resource": {"aws_kms_key": {"x": [{"customer_master_key_spec": "RSA_4096"}]}}}
}

test_unknown_spec if {
	count(deny) == 0 with input as {"resource": {"aws_kms_key": {"x": [{"key_spec": "${var.spec}"}]}}}
}

test_unknown if {
	count(deny) == 0 with input as {"resource": {"aws_kms_key": {"x": [{"enable_key_rotation": "${var.rotate}"}]}}}
}
