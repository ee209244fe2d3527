package infragate.rules.terraform.aws.imdsv1_test

import data.infragate.lib.terraform_test.locs
import data.infragate.rules.terraform.aws.imdsv1.deny

test_optional if {
	r := deny with input as {"resource": {"aws_instance": {"x": [{"metadata_options": [{"http_tokens": "optional"}]}]}}}
	locs(r) == {["aws_instance.x", ["resource", "aws_instance", "x", 0, "metadata_options", 0, "http_tokens"]]}
	some f in r
	startswith(f.msg, "aws_instance.x: ")
}

test_attr_missing if {
	r := deny with input as {"resource": {"aws_launch_template": {"x": [{"metadata_options": [{"http_endpoint": "enabled"}]}]}}}
	locs(r) == {["aws_launch_template.x", ["resource", "aws_launch_template", "x", 0, "metadata_options", 0]]}
	some f in r
	startswith(f.msg, "aws_launch_template.x: ")
}

test_block_missing if {
	r := deny with input as {"resource": {"aws_instance": {"x": [{"ami": "ami-1"}]}}}
	locs(r) == {["aws_instance.x", ["resource", "aws_instance", "x", 0]]}
	some f in r
	startswith(f.msg, "aws_instance.x: ")
}

test_required if {
	count(deny) == 0 with input as {"resource": {"aws_instance": {"x": [{"metadata_options": [{"http_tokens": "required"}]}]}}}
}

test_disabled if {
	count(deny) == 0 with input as {"resource": {"aws_instance": {"x": [{"metadata_options": [{"http_endpoint": "disabled"}]}]}}}
}

test_unknown if {
	count(deny) == 0 with input as {"resource": {"aws_instance": {"x": [{"metadata_options": [{"http_tokens": "${var.tokens}"}]}]}}}
}
