package infragate.rules.terraform.aws.ebs_volume_encrypted_test

import data.infragate.lib.terraform_test.locs
import data.infragate.rules.terraform.aws.ebs_volume_encrypted.deny

test_explicit_false if {
	r := deny with input as {"resource": {"aws_ebs_volume": {"x": [{"size": 10, "encrypted": false}]}}}
	locs(r) == {["aws_ebs_volume.x", ["resource", "aws_ebs_volume", "x", 0, "encrypted"]]}
	some f in r
	startswith(f.msg, "aws_ebs_volume.x: ")
}

test_missing if {
	r := deny with input as {"resource": {"aws_ebs_volume": {"x": [{"size": 10}]}}}
	locs(r) == {["aws_ebs_volume.x", ["resource", "aws_ebs_volume", "x", 0]]}
	some f in r
	startswith(f.msg, "aws_ebs_volume.x: ")
}

test_encrypted if {
	count(deny) == 0 with input as {"resource": {"aws_ebs_volume": {"x": [{"size": 10, "encrypted": true}]}}}
}

test_from_snapshot if {
	count(deny) == 0 with input as {"resource": {"aws_ebs_volume": {"x": [{"snapshot_id": "snap-1"}]}}}
}

test_unknown if {
	count(deny) == 0 with input as {"resource": {"aws_ebs_volume": {"x": [{"encrypted": "${var.encrypted}"}]}}}
}
