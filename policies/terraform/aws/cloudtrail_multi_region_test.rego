package infragate.rules.terraform.aws.cloudtrail_multi_region_test

import data.infragate.lib.terraform_test.locs
import data.infragate.rules.terraform.aws.cloudtrail_multi_region.deny

test_explicit_false if {
	r := deny with input as {"resource": {"aws_cloudtrail": {"x": [{"is_multi_region_trail": false}]}}}
	locs(r) == {["aws_cloudtrail.x", ["resource", "aws_cloudtrail", "x", 0, "is_multi_region_trail"]]}
	some f in r
	startswith(f.msg, "aws_cloudtrail.x: ")
}

test_missing if {
	r := deny with input as {"resource": {"aws_cloudtrail": {"x": [{"s3_bucket_name": "x"}]}}}
	locs(r) == {["aws_cloudtrail.x", ["resource", "aws_cloudtrail", "x", 0]]}
	some f in r
	startswith(f.msg, "aws_cloudtrail.x: ")
}

test_multi if {
	count(deny) == 0 with input as {"resource": {"aws_cloudtrail": {"x": [{"is_multi_region_trail": true}]}}}
}

test_unknown if {
	count(deny) == 0 with input as {"resource": {"aws_cloudtrail": {"x": [{"is_multi_region_trail": "${var.multi}"}]}}}
}
