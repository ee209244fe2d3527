package infragate.rules.tfplan.iam_test

import data.infragate.lib.tfplan_test.change
import data.infragate.lib.tfplan_test.locs
import data.infragate.lib.tfplan_test.plan
import data.infragate.lib.tfplan_test.unknown_change
import data.infragate.rules.tfplan.iam_wildcard_action
import data.infragate.rules.tfplan.iam_wildcard_resource

admin := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}`

s3_all := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:*"],"Resource":["*"]}]}`

narrow := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:GetObject"],"Resource":"arn:aws:s3:::b/${aws:username}/*"},{"Effect":"Deny","Action":"*","Resource":"*"}]}`

test_wildcard_action if {
	r := iam_wildcard_action.deny with input as plan([
		change("aws_iam_policy", "admin", ["create"], {"policy": admin}),
		change("aws_iam_role", "r", ["update"], {"inline_policy": [{"name": "x", "policy": admin}]}),
	])
	locs(r) == {
		["aws_iam_policy.admin", ["resource_changes", 0, "change", "after", "policy"]],
		["aws_iam_role.r", ["resource_changes", 1, "change", "after", "inline_policy", 0, "policy"]],
	}
}

test_wildcard_resource if {
	r := iam_wildcard_resource.deny with input as plan([change("aws_iam_role_policy", "p", ["create"], {"policy": s3_all})])
	locs(r) == {["aws_iam_role_policy.p", ["resource_changes", 0, "change", "after", "policy"]]}
	some f in r
	contains(f.msg, `"s3:*"`)
}

test_narrow_and_unknown_pass if {
	p := plan([
		change("aws_iam_policy", "n", ["create"], {"policy": narrow}),
		unknown_change("aws_iam_policy", "u", ["policy"]),
	])
	count(iam_wildcard_action.deny) == 0 with input as p
	count(iam_wildcard_resource.deny) == 0 with input as p
}

test_wildcard_action_not_action if {
	all_but_iam := `{"Statement":[{"Effect":"Allow","NotAction":"iam:*","Resource":"*"}]}`
	scoped := `{"Statement":[{"Effect":"Allow","NotAction":"iam:*","Resource":"arn:aws:s3:::b/*"},{"Effect":"Deny","NotAction":"s3:GetObject","Resource":"*"}]}`
	r := iam_wildcard_action.deny with input as plan([
		change("aws_iam_policy", "a", ["create"], {"policy": all_but_iam}),
		change("aws_iam_policy", "s", ["create"], {"policy": scoped}),
	])
	locs(r) == {["aws_iam_policy.a", ["resource_changes", 0, "change", "after", "policy"]]}
}
