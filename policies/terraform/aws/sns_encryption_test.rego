package infragate.rules.terraform.aws.sns_encryption_test

import data.infragate.lib.terraform_test.locs
import data.infragate.rules.terraform.aws.sns_encryption.warn

test_missing if {
	r := warn with input as {"resource": {"aws_sns_topic": {"x": [{"name": "x"}]}}}
	locs(r) == {["aws_sns_topic.x", ["resource", "aws_sns_topic", "x", 0]]}
	some f in r
	startswith(f.msg, "aws_sns_topic.x: ")
}

test_empty if {
	r := warn with input as {"resource": {"aws_sns_topic": {"x": [{"kms_master_key_id": ""}]}}}
	locs(r) == {["aws_sns_topic.x", ["resource", "aws_sns_topic", "x", 0, "kms_master_key_id"]]}
	some f in r
	startswith(f.msg, "aws_sns_topic.x: ")
}

test_encrypted if {
	count(warn) == 0 with input as {"resource": {"aws_sns_topic": {"x": [{"kms_master_key_id": "alias/aws/sns"}]}}}
}

test_unknown if {
	count(warn) == 0 with input as {"resource": {"aws_sns_topic": {"x": [{"kms_master_key_id": "${var.key}"}]}}}
}
