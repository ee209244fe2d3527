package infragate.rules.terraform.aws.ecr_scan_on_push_test

import data.infragate.lib.terraform_test.locs
import data.infragate.rules.terraform.aws.ecr_scan_on_push.warn

test_disabled if {
	r := warn with input as {"resource": {"aws_ecr_repository": {"x": [{"image_scanning_configuration": [{"scan_on_push": false}]}]}}}
	locs(r) == {["aws_ecr_repository.x", ["resource", "aws_ecr_repository", "x", 0, "image_scanning_configuration", 0, "scan_on_push"]]}
	some f in r
	startswith(f.msg, "aws_ecr_repository.x: ")
}

test_missing if {
	r := warn with input as {"resource": {"aws_ecr_repository": {"x": [{"name": "x"}]}}}
	locs(r) == {["aws_ecr_repository.x", ["resource", "aws_ecr_repository", "x", 0]]}
	some f in r
	startswith(f.msg, "aws_ecr_repository.x: ")
}

test_enabled if {
	count(warn) == 0 with input as {"resource": {"aws_ecr_repository": {"x": [{"image_scanning_configuration": [{"scan_on_push": true}]}]}}}
}

test_unknown if {
	count(warn) == 0 with input as {"resource": {"aws_ecr_repository": {"x": [{"image_scanning_configuration": [{"scan_on_push": "${var.scan}"}]}]}}}
}
