package infragate.rules.terraform.aws.s3_public_access_block_missing_test

import data.infragate.lib.terraform_test.locs
import data.infragate.rules.terraform.aws.s3_public_access_block_missing.warn

test_missing if {
	r := warn with input as {"resource": {"aws_s3_bucket": {"b": [{"bucket": "x"}]}}}
	locs(r) == {["aws_s3_bucket.b", ["resource", "aws_s3_bucket", "b", 0]]}
}

test_present if {
	count(warn) == 0 with input as {"resource": {
		"aws_s3_bucket": {"b": [{"bucket": "x"}]},
		"aws_s3_bucket_public_access_block": {"b": [{"bucket": "${aws_s3_bucket.b.id}"}]},
	}}
}

test_other_bucket_covered if {
	r := warn with input as {"resource": {
		"aws_s3_bucket": {"b": [{"bucket": "x"}], "bb": [{"bucket": "y"}]},
		"aws_s3_bucket_public_access_block": {"p": [{"bucket": "${aws_s3_bucket.bb.id}"}]},
	}}
	locs(r) == {["aws_s3_bucket.b", ["resource", "aws_s3_bucket", "b", 0]]}
}
