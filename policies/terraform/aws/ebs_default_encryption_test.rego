package infragate.rules.terraform.aws.ebs_default_encryption_test

import data.infragate.lib.terraform_test.locs
import data.infragate.rules.terraform.aws.ebs_default_encryption.deny

test_disabled if {
	r := deny with input as {"resource": {"aws_ebs_encryption_by_default": {"x": [{"enabled": false}]}}}
	locs(r) == {["aws_ebs_encryption_by_default.x", ["resource", "aws_ebs_encryption_by_default", "x", 0, "enabled"]]}
	some f in r
	startswith(f.msg, "aws_ebs_encryption_by_default.x: ")
}

test_enabled if {
	count(deny) == 0 with input as {"resource": {"aws_ebs_encryption_by_default": {"x": [{"enabled": true}]}}}
}

test_default if {
	count(deny) == 0 with input as {"resource": {"aws_ebs_encryption_by_default": {"x": [{}]}}}
}

test_unknown if {
	count(deny) == 0 with input as {"resource": {"aws_ebs_encryption_by_default": {"x": [{"enabled": "${var.on}"}]}}}
}
