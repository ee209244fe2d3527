package infragate.rules.terraform.aws.lambda_url_public_test

import data.infragate.lib.terraform_test.locs
import data.infragate.rules.terraform.aws.lambda_url_public.deny

test_none if {
	r := deny with input as {"resource": {"aws_lambda_function_url": {"x": [{"authorization_type": "NONE"}]}}}
	locs(r) == {["aws_lambda_function_url.x", ["resource", "aws_lambda_function_url", "x", 0, "authorization_type"]]}
	some f in r
	startswith(f.msg, "aws_lambda_function_url.x: ")
}

test_iam if {
	count(deny) == 0 with input as {"resource": {"aws_lambda_function_url": {"x": [{"authorization_type": "AWS_IAM"}]}}}
}

test_unknown if {
	count(deny) == 0 with input as {"resource": {"aws_lambda_function_url": {"x": [{"authorization_type": "${var.auth}"}]}}}
}
