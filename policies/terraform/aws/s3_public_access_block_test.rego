package infragate.rules.terraform.aws.s3_public_access_block_test

import data.infragate.lib.terraform_test.locs
import data.infragate.rules.terraform.aws.s3_public_access_block.deny

test_false_setting if {
	r := deny with input as {"resource": {"aws_s3_bucket_public_access_block": {"p": [{
		"bucket": "${aws_s3_bucket.b.id}",
		"block_public_acls": true,
		"block_public_policy": false,
		"ignore_public_acls": true,
		"restrict_public_buckets": true,
	}]}}}
	locs(r) == {["aws_s3_bucket_public_access_block.p", ["resource", "aws_s3_bucket_public_access_block", "p", 0, "block_public_policy"]]}
}

test_missing_setting_points_at_block if {
	r := deny with input as {"resource": {"aws_s3_account_public_access_block": {"a": [{"block_public_acls": true, "block_public_policy": true}]}}}
	locs(r) == {["aws_s3_account_public_access_block.a", ["resource", "aws_s3_account_public_access_block", "a", 0]]}
	count(r) == 2
}

test_all_blocked if {
	count(deny) == 0 with input as {"resource": {"aws_s3_bucket_public_access_block": {"p": [{
		"bucket": "${aws_s3_bucket.b.id}",
		"block_public_acls": true,
		"block_public_policy": true,
		"ignore_public_acls": true,
		"restrict_public_buckets": true,
	}]}}}
}

test_unknown_settings if {
	count(deny) == 0 with input as {"resource": {"aws_s3_bucket_public_access_block": {"p": [{
		"bucket": "${aws_s3_bucket.b.id}",
		"block_public_acls": "${var.block}",
		"block_public_policy": "${var.block}",
		"ignore_public_acls": "${var.block}",
		"restrict_public_buckets": "${var.block}",
	}]}}}
}
