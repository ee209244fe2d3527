package infragate.rules.terraform.aws.sqs_encryption_test

import data.infragate.lib.terraform_test.locs
import data.infragate.rules.terraform.aws.sqs_encryption.deny

test_disabled if {
	r := deny with input as {"resource": {"aws_sqs_queue": {"x": [{"sqs_managed_sse_enabled": false}]}}}
	locs(r) == {["aws_sqs_queue.x", ["resource", "aws_sqs_queue", "x", 0, "sqs_managed_sse_enabled"]]}
	some f in r
	startswith(f.msg, "aws_sqs_queue.x: ")
}

test_kms if {
	count(deny) == 0 with input as {"resource": {"aws_sqs_queue": {"x": [{"sqs_managed_sse_enabled": false, "kms_master_key_id": "alias/aws/sqs"}]}}}
}

test_default if {
	count(deny) == 0 with input as {"resource": {"aws_sqs_queue": {"x": [{"name": "x"}]}}}
}

test_unknown if {
	count(deny) == 0 with input as {"resource": {"aws_sqs_queue": {"x": [{"sqs_managed_sse_enabled": "${var.sse}"}]}}}
}
