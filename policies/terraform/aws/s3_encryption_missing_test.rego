package infragate.rules.terraform.aws.s3_encryption_missing_test

import data.infragate.lib.terraform_test.locs
import data.infragate.rules.terraform.aws.s3_encryption_missing.warn

test_missing if {
	r := warn with input as {"resource": {"aws_s3_bucket": {"b": [{"bucket": "x"}]}}}
	locs(r) == {["aws_s3_bucket.b", ["resource", "aws_s3_bucket", "b", 0]]}
}

test_inline if {
	count(warn) == 0 with input as {"resource": {"aws_s3_bucket": {"b": [{"server_side_encryption_configuration": [{"rule": [{}]}]}]}}}
}

test_split if {
	count(warn) == 0 with input as {"resource": {
		"aws_s3_bucket": {"b": [{}]},
		"aws_s3_bucket_server_side_encryption_configuration": {"e": [{"bucket": "${aws_s3_bucket.b.bucket}"}]},
	}}
}
