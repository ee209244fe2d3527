package infragate.rules.terraform.aws.s3_public_policy_test

import data.infragate.lib.terraform_test.locs
import data.infragate.rules.terraform.aws.s3_public_policy.deny

public_policy := `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*"}]}`

test_split_public_policy if {
	r := deny with input as {"resource": {"aws_s3_bucket_policy": {"p": [{"bucket": "${aws_s3_bucket.b.id}", "policy": public_policy}]}}}
	locs(r) == {["aws_s3_bucket_policy.p", ["resource", "aws_s3_bucket_policy", "p", 0, "policy"]]}
}

test_inline_public_policy_aws_star if {
	p := `{"Statement": {"Effect": "Allow", "Principal": {"AWS": "*"}, "Action": "s3:*", "Resource": "*"}}`
	r := deny with input as {"resource": {"aws_s3_bucket": {"b": [{"policy": p}]}}}
	locs(r) == {["aws_s3_bucket.b", ["resource", "aws_s3_bucket", "b", 0, "policy"]]}
}

test_conditioned_or_named_principal if {
	conditioned := `{"Statement": [{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "*", "Condition": {"StringEquals": {"aws:SourceVpce": "vpce-1"}}}]}`
	named := `{"Statement": [{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::1:root"}, "Action": "s3:GetObject", "Resource": "*"}]}`
	deny_all := `{"Statement": [{"Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": "*"}]}`
	count(deny) == 0 with input as {"resource": {"aws_s3_bucket_policy": {
		"a": [{"policy": conditioned}],
		"b": [{"policy": named}],
		"c": [{"policy": deny_all}],
	}}}
}

test_unknown_policy if {
	count(deny) == 0 with input as {"resource": {"aws_s3_bucket_policy": {
		"a": [{"policy": "${data.aws_iam_policy_document.p.json}"}],
		"b": [{"policy": "${jsonencode({Statement = [{Principal = \"*\"}]})}"}],
	}}}
}

test_allow_with_conditional_deny if {
	p := `{"Statement": [{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "*"}, {"Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": "*", "Condition": {"StringNotEquals": {"aws:SourceVpce": "vpce-1"}}}]}`
	count(deny) == 0 with input as {"resource": {"aws_s3_bucket_policy": {"p": [{"policy": p}]}}}
}
