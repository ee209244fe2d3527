package infragate.rules.terraform.aws.iam_wildcard_resource_test

import data.infragate.lib.terraform_test.locs
import data.infragate.rules.terraform.aws.iam_wildcard_resource.deny

test_json_policy if {
	r := deny with input as {"resource": {"aws_iam_role_policy": {"p": [{"policy": `{"Statement": [{"Effect": "Allow", "Action": ["s3:*", "ec2:Describe*"], "Resource": "*"}]}`}]}}}
	locs(r) == {["aws_iam_role_policy.p", ["resource", "aws_iam_role_policy", "p", 0, "policy"]]}
}

test_policy_document if {
	r := deny with input as {"data": {"aws_iam_policy_document": {"d": [{"statement": [{"actions": ["iam:*"], "resources": ["*"]}]}]}}}
	locs(r) == {["data.aws_iam_policy_document.d", ["data", "aws_iam_policy_document", "d", 0, "statement", 0, "resources"]]}
}

test_compliant if {
	count(deny) == 0 with input as {
		"resource": {"aws_iam_policy": {"a": [{"policy": `{"Statement": [{"Effect": "Allow", "Action": "ec2:Describe*", "Resource": "*"}, {"Effect": "Allow", "Action": "s3:*", "Resource": "arn:aws:s3:::b/*"}]}`}]}},
		"data": {"aws_iam_policy_document": {"d": [{"statement": [{"actions": ["s3:*"], "resources": ["arn:aws:s3:::b"]}]}]}},
	}
}

test_unknown if {
	count(deny) == 0 with input as {"data": {"aws_iam_policy_document": {"d": [{"statement": [{"actions": ["s3:*"], "resources": "${var.arns}"}]}]}}}
}
