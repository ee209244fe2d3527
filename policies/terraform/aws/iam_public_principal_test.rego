package infragate.rules.terraform.aws.iam_public_principal_test

import data.infragate.lib.terraform_test.locs
import data.infragate.rules.terraform.aws.iam_public_principal.deny

test_role_trust_policy if {
	r := deny with input as {"resource": {"aws_iam_role": {"r": [{"assume_role_policy": `{"Statement": [{"Effect": "Allow", "Principal": {"AWS": "*"}, "Action": "sts:AssumeRole"}]}`}]}}}
	locs(r) == {["aws_iam_role.r", ["resource", "aws_iam_role", "r", 0, "assume_role_policy"]]}
}

test_sqs_policy if {
	r := deny with input as {"resource": {"aws_sqs_queue_policy": {"q": [{"policy": `{"Statement": {"Effect": "Allow", "Principal": "*", "Action": "sqs:SendMessage", "Resource": "*"}}`}]}}}
	locs(r) == {["aws_sqs_queue_policy.q", ["resource", "aws_sqs_queue_policy", "q", 0, "policy"]]}
}

test_policy_document if {
	r := deny with input as {"data": {"aws_iam_policy_document": {"d": [{"statement": [{"actions": ["sts:AssumeRole"], "principals": [{"type": "AWS", "identifiers": ["*"]}]}]}]}}}
	locs(r) == {["data.aws_iam_policy_document.d", ["data", "aws_iam_policy_document", "d", 0, "statement", 0, "principals", 0, "identifiers"]]}
}

test_compliant if {
	count(deny) == 0 with input as {
		"resource": {"aws_iam_role": {
			"svc": [{"assume_role_policy": `{"Statement": [{"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"}, "Action": "sts:AssumeRole"}]}`}],
			"cond": [{"assume_role_policy": `{"Statement": [{"Effect": "Allow", "Principal": {"AWS": "*"}, "Action": "sts:AssumeRole", "Condition": {"StringEquals": {"aws:PrincipalOrgID": "o-1"}}}]}`}],
		}},
		"data": {"aws_iam_policy_document": {"d": [{"statement": [{
			"actions": ["sqs:SendMessage"],
			"principals": [{"type": "AWS", "identifiers": ["*"]}],
			"condition": [{"test": "ArnEquals", "variable": "aws:SourceArn", "values": ["${aws_sns_topic.t.arn}"]}],
		}]}]}},
	}
}

test_unknown if {
	count(deny) == 0 with input as {
		"resource": {"aws_iam_role": {"r": [{"assume_role_policy": "${data.aws_iam_policy_document.trust.json}"}]}},
		"data": {"aws_iam_policy_document": {"d": [{"statement": [{"principals": [{"type": "AWS", "identifiers": "${var.principals}"}]}]}]}},
	}
}

test_allow_with_conditional_deny if {
	count(deny) == 0 with input as {
		"resource": {"aws_sqs_queue_policy": {"q": [{"policy": `{"Statement": [{"Effect": "Allow", "Principal": "*", "Action": "sqs:*", "Resource": "*"}, {"Effect": "Deny", "Principal": "*", "Action": "sqs:*", "Resource": "*", "Condition": {"StringNotEquals": {"aws:SourceVpce": "vpce-1"}}}]}`}]}},
		"data": {"aws_iam_policy_document": {"d": [{"statement": [
			{"actions": ["execute-api:Invoke"], "principals": [{"type": "AWS", "identifiers": ["*"]}]},
			{"effect": "Deny", "actions": ["execute-api:Invoke"], "principals": [{"type": "AWS", "identifiers": ["*"]}], "condition": [{"test": "StringNotEquals", "variable": "aws:SourceVpce", "values": ["vpce-1"]}]},
		]}]}},
	}
}

test_allow_with_deny_everyone if {
	count(deny) == 0 with input as {"data": {"aws_iam_policy_document": {"d": [{"statement": [
		{"actions": ["execute-api:Invoke"], "principals": [{"type": "AWS", "identifiers": ["*"]}]},
		{"effect": "Deny", "actions": ["execute-api:Invoke"], "principals": [{"type": "AWS", "identifiers": ["*"]}]},
	]}]}}}
}
