package infragate.rules.terraform.aws.iam_wildcard_action_test

import data.infragate.lib.terraform_test.locs
import data.infragate.rules.terraform.aws.iam_wildcard_action.deny

admin := `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}`

test_json_policy if {
	r := deny with input as {"resource": {
		"aws_iam_policy": {"admin": [{"name": "admin", "policy": admin}]},
		"aws_iam_role": {"r": [{"inline_policy": [{"name": "x", "policy": admin}]}]},
	}}
	locs(r) == {
		["aws_iam_policy.admin", ["resource", "aws_iam_policy", "admin", 0, "policy"]],
		["aws_iam_role.r", ["resource", "aws_iam_role", "r", 0, "inline_policy", 0, "policy"]],
	}
}

test_policy_document if {
	r := deny with input as {"data": {"aws_iam_policy_document": {"d": [{"statement": [
		{"actions": ["s3:GetObject"], "resources": ["*"]},
		{"actions": ["*"], "resources": ["*"]},
	]}]}}}
	locs(r) == {["data.aws_iam_policy_document.d", ["data", "aws_iam_policy_document", "d", 0, "statement", 1, "actions"]]}
}

test_compliant if {
	count(deny) == 0 with input as {
		"resource": {"aws_iam_policy": {
			"a": [{"policy": `{"Statement": [{"Effect": "Allow", "Action": ["s3:GetObject"], "Resource": "*"}]}`}],
			"b": [{"policy": `{"Statement": [{"Effect": "Deny", "Action": "*", "Resource": "*"}]}`}],
		}},
		"data": {"aws_iam_policy_document": {"d": [{"statement": [{"effect": "Deny", "actions": ["*"], "resources": ["*"]}]}]}},
	}
}

test_unknown if {
	count(deny) == 0 with input as {
		"resource": {"aws_iam_policy": {"a": [{"policy": "${jsonencode({Statement = [{Action = \"*\"}]})}"}]}},
		"data": {"aws_iam_policy_document": {"d": [{"statement": [{"actions": "${var.actions}", "resources": ["*"]}]}]}},
	}
}

test_not_action if {
	r := deny with input as {
		"resource": {"aws_iam_policy": {
			"a": [{"policy": `{"Statement": [{"Effect": "Allow", "NotAction": "iam:*", "Resource": "*"}]}`}],
			"ok": [{"policy": `{"Statement": [{"Effect": "Deny", "NotAction": "s3:GetObject", "Resource": "*"}]}`}],
			"scoped": [{"policy": `{"Statement": [{"Effect": "Allow", "NotAction": "iam:*", "Resource": "arn:aws:s3:::b/*"}]}`}],
		}},
		"data": {"aws_iam_policy_document": {"d": [{"statement": [
			{"not_actions": ["iam:*"], "resources": ["*"]},
			{"effect": "Deny", "not_actions": ["s3:GetObject"], "resources": ["*"]},
		]}]}},
	}
	locs(r) == {
		["aws_iam_policy.a", ["resource", "aws_iam_policy", "a", 0, "policy"]],
		["data.aws_iam_policy_document.d", ["data", "aws_iam_policy_document", "d", 0, "statement", 0, "not_actions"]],
	}
}
