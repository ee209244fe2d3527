package infragate.rules.cloudformation.iam_test

import data.infragate.lib.cloudformation_test.locs
import data.infragate.lib.cloudformation_test.res
import data.infragate.lib.cloudformation_test.template
import data.infragate.rules.cloudformation.iam_wildcard_action
import data.infragate.rules.cloudformation.iam_wildcard_resource

t := template({
	"Admin": res("AWS::IAM::Policy", {"PolicyName": "admin", "PolicyDocument": {"Statement": [
		{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*"},
		{"Effect": "Allow", "Action": ["*"], "Resource": "*"},
	]}}),
	"Role": res("AWS::IAM::Role", {"Policies": [{"PolicyName": "p", "PolicyDocument": {"Statement": [
		{"Effect": "Allow", "Action": "dynamodb:*", "Resource": ["*"]},
		{"Effect": "Deny", "Action": "*", "Resource": "*"},
	]}}]}),
	"Unknown": res("AWS::IAM::ManagedPolicy", {"PolicyDocument": {"Statement": [
		{"Effect": "Allow", "Action": {"Ref": "Actions"}, "Resource": {"Ref": "Resources"}},
		{"Effect": "Allow", "Action": "s3:*", "Resource": {"Fn::Sub": "arn:aws:s3:::${B}/*"}},
	]}}),
	"Doc": res("AWS::IAM::ManagedPolicy", {"PolicyDocument": {"Fn::If": ["C", {}, {}]}}),
})

test_wildcard_action if {
	locs(iam_wildcard_action.deny) == {["Admin", ["Resources", "Admin", "Properties", "PolicyDocument", "Statement", 1, "Action"]]} with input as t
}

test_wildcard_resource if {
	locs(iam_wildcard_resource.deny) == {["Role", ["Resources", "Role", "Properties", "Policies", 0, "PolicyDocument", "Statement", 0, "Resource"]]} with input as t
}

test_wildcard_action_not_action if {
	locs(iam_wildcard_action.deny) == {["AllButIAM", ["Resources", "AllButIAM", "Properties", "PolicyDocument", "Statement", 0, "NotAction"]]} with input as template({"AllButIAM": res("AWS::IAM::ManagedPolicy", {"PolicyDocument": {"Statement": [
		{"Effect": "Allow", "NotAction": "iam:*", "Resource": "*"},
		{"Effect": "Allow", "NotAction": "iam:*", "Resource": "arn:aws:s3:::b/*"},
		{"Effect": "Deny", "NotAction": "s3:GetObject", "Resource": "*"},
	]}})})
}
