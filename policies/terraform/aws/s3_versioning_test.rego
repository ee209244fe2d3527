package infragate.rules.terraform.aws.s3_versioning_test

import data.infragate.lib.terraform_test.locs
import data.infragate.rules.terraform.aws.s3_versioning.warn

test_missing if {
	r := warn with input as {"resource": {"aws_s3_bucket": {"b": [{"bucket": "x"}]}}}
	locs(r) == {["aws_s3_bucket.b", ["resource", "aws_s3_bucket", "b", 0]]}
}

test_inline_disabled if {
	r := warn with input as {"resource": {"aws_s3_bucket": {"b": [{"versioning": [{"enabled": false}]}]}}}
	locs(r) == {["aws_s3_bucket.b", ["resource", "aws_s3_bucket", "b", 0, "versioning", 0, "enabled"]]}
}

test_inline_block_without_enabled if {
	r := warn with input as {"resource": {"aws_s3_bucket": {"b": [{"versioning": [{"mfa_delete": false}]}]}}}
	locs(r) == {["aws_s3_bucket.b", ["resource", "aws_s3_bucket", "b", 0, "versioning", 0]]}
}

test_split_suspended if {
	r := warn with input as {"resource": {
		"aws_s3_bucket": {"b": [{}]},
		"aws_s3_bucket_versioning": {"v": [{"bucket": "${aws_s3_bucket.b.id}", "versioning_configuration": [{"status": "Suspended"}]}]},
	}}
	locs(r) == {["aws_s3_bucket_versioning.v", ["resource", "aws_s3_bucket_versioning", "v", 0, "versioning_configuration", 0, "status"]]}
}

test_enabled if {
	count(warn) == 0 with input as {"resource": {
		"aws_s3_bucket": {"b": [{}], "c": [{"versioning": [{"enabled": true}]}]},
		"aws_s3_bucket_versioning": {"v": [{"bucket": "${aws_s3_bucket.b.id}", "versioning_configuration": [{"status": "Enabled"}]}]},
	}}
}

test_unknown if {
	count(warn) == 0 with input as {"resource": {
		"aws_s3_bucket": {"b": [{}], "c": [{"versioning": [{"enabled": "${var.versioning}"}]}]},
		"aws_s3_bucket_versioning": {"v": [{"bucket": "${aws_s3_bucket.b.id}", "versioning_configuration": [{"status": "${var.status}"}]}]},
	}}
}

# Terraform JSON: a bucket object with a "//" key is one bucket, reported
# once (not once per attribute), and a split versioning resource counts.
test_json_shape if {
	r := warn with input as {"resource": {
		"aws_s3_bucket": {
			"b": {"//": {"metadata": {}}, "bucket": "b", "tags": {"Name": "b"}},
			"c": {"bucket": "c"},
		},
		"aws_s3_bucket_versioning": {"v": {
			"bucket": "${aws_s3_bucket.c.id}",
			"versioning_configuration": {"status": "Enabled"},
		}},
	}}
	locs(r) == {["aws_s3_bucket.b", ["resource", "aws_s3_bucket", "b"]]}
}
