package infragate.rules.terraform.aws.s3_logging_missing_test

import data.infragate.lib.terraform_test.locs
import data.infragate.rules.terraform.aws.s3_logging_missing.warn

test_missing if {
	r := warn with input as {"resource": {"aws_s3_bucket": {"b": [{"bucket": "x"}]}}}
	locs(r) == {["aws_s3_bucket.b", ["resource", "aws_s3_bucket", "b", 0]]}
}

test_split_and_log_target if {
	count(warn) == 0 with input as {"resource": {
		"aws_s3_bucket": {"b": [{}], "logs": [{}]},
		"aws_s3_bucket_logging": {"l": [{"bucket": "${aws_s3_bucket.b.id}", "target_bucket": "${aws_s3_bucket.logs.id}"}]},
	}}
}

test_inline if {
	count(warn) == 0 with input as {"resource": {"aws_s3_bucket": {
		"b": [{"logging": [{"target_bucket": "${aws_s3_bucket.logs.id}"}]}],
		"logs": [{}],
	}}}
}
