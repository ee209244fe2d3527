package infragate.rules.terraform.aws.ecr_mutable_tags_test

import data.infragate.lib.terraform_test.locs
import data.infragate.rules.terraform.aws.ecr_mutable_tags.warn

test_mutable if {
	r := warn with input as {"resource": {"aws_ecr_repository": {"x": [{"image_tag_mutability": "MUTABLE"}]}}}
	locs(r) == {["aws_ecr_repository.x", ["resource", "aws_ecr_repository", "x", 0, "image_tag_mutability"]]}
	some f in r
	startswith(f.msg, "aws_ecr_repository.x: ")
}

test_missing if {
	r := warn with input as {"resource": {"aws_ecr_repository": {"x": [{"name": "x"}]}}}
	locs(r) == {["aws_ecr_repository.x", ["resource", "aws_ecr_repository", "x", 0]]}
	some f in r
	startswith(f.msg, "aws_ecr_repository.x: ")
}

test_immutable if {
	count(warn) == 0 with input as {"resource": {"aws_ecr_repository": {"x": [{"image_tag_mutability": "IMMUTABLE"}]}}}
}

test_unknown if {
	count(warn) == 0 with input as {"resource": {"aws_ecr_repository": {"x": [{"image_tag_mutability": "${var.m}"}]}}}
}
