package infragate.rules.terraform.aws.efs_encrypted_test

import data.infragate.lib.terraform_test.locs
import data.infragate.rules.terraform.aws.efs_encrypted.deny

test_explicit_false if {
	r := deny with input as {"resource": {"aws_efs_file_system": {"x": [{"encrypted": false}]}}}
	locs(r) == {["aws_efs_file_system.x", ["resource", "aws_efs_file_system", "x", 0, "encrypted"]]}
	some f in r
	startswith(f.msg, "aws_efs_file_system.x: ")
}

test_missing if {
	r := deny with input as {"resource": {"aws_efs_file_system": {"x": [{"creation_token": "x"}]}}}
	locs(r) == {["aws_efs_file_system.x", ["resource", "aws_efs_file_system", "x", 0]]}
	some f in r
	startswith(f.msg, "aws_efs_file_system.x: ")
}

test_encrypted if {
	count(deny) == 0 with input as {"resource": {"aws_efs_file_system": {"x": [{"encrypted": true}]}}}
}

test_unknown if {
	count(deny) == 0 with input as {"resource": {"aws_efs_file_system": {"x": [{"encrypted": "${var.encrypted}"}]}}}
}
