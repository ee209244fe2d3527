package infragate.rules.terraform.aws.cloudtrail_kms_test

import data.infragate.lib.terraform_test.locs
import data.infragate.rules.terraform.aws.cloudtrail_kms.warn

test_missing if {
	r := warn with input as {"resource": {"aws_cloudtrail": {"x": [{"s3_bucket_name": "x"}]}}}
	locs(r) == {["aws_cloudtrail.x", ["resource", "aws_cloudtrail", "x", 0]]}
	some f in r
	startswith(f.msg, "aws_cloudtrail.x: ")
}

test_empty if {
	r := warn with input as {"resource": {"aws_cloudtrail": {"x": [{"kms_key_id": ""}]}}}
	locs(r) == {["aws_cloudtrail.x", ["resource", "aws_cloudtrail", "x", 0, "kms_key_id"]]}
	some f in r
	startswith(f.msg, "aws_cloudtrail.x: ")
}

test_set if {
	count(warn) == 0 with input as {"resource": {"aws_cloudtrail": {"x": [{"kms_key_id": "${aws_kms_key.k.arn}"}]}}}
}
