package infragate.rules.terraform.aws.cloudtrail_log_validation_test

import data.infragate.lib.terraform_test.locs
import data.infragate.rules.terraform.aws.cloudtrail_log_validation.deny

test_explicit_false if {
	r := deny with input as {"resource": {"aws_cloudtrail": {"x": [{"enable_log_file_validation": false}]}}}
	locs(r) == {["aws_cloudtrail.x", ["resource", "aws_cloudtrail", "x", 0, "enable_log_file_validation"]]}
	some f in r
	startswith(f.msg, "aws_cloudtrail.x: ")
}

test_missing if {
	r := deny with input as {"resource": {"aws_cloudtrail": {"x": [{"s3_bucket_name": "x"}]}}}
	locs(r) == {["aws_cloudtrail.x", ["resource", "aws_cloudtrail", "x", 0]]}
	some f in r
	startswith(f.msg, "aws_cloudtrail.x: ")
}

test_enabled if {
	count(deny) == 0 with input as {"resource": {"aws_cloudtrail": {"x": [{"enable_log_file_validation": true}]}}}
}

test_unknown if {
	count(deny) == 0 with input as {"resource": {"aws_cloudtrail": {"x": [{"enable_log_file_validation": "${var.v}"}]}}}
}
