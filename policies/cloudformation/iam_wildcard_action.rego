# METADATA
# title: IAM policy allows all actions
# description: >-
#   An Allow statement with Action "*" (or "*:*") grants full administrative
#   access, and so, but for the actions it lists, does an Allow statement
#   with NotAction on every resource. Checked in AWS::IAM::Policy, AWS::IAM::ManagedPolicy and the
#   inline Policies of roles, users and groups.
# related_resources:
#   - ref: https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege
# custom:
#   id: IG-CFN-IAM-001
#   severity: high
#   related_ids: [IG-AWS-IAM-001]
#   remediation: |
#     Grant the actions the principal needs:
#       PolicyDocument:
#         Version: "2012-10-17"
#         Statement:
#           - Effect: Allow
#             Action: [s3:GetObject]
#             Resource: !Sub arn:aws:s3:::${ReportsBucket}/*
package infragate.rules.cloudformation.iam_wildcard_action

import data.infragate.lib.cloudformation as cfn

deny contains {"msg": msg, "path": array.concat(s.path, ["Action"]), "resource": s.resource} if {
	some s in cfn.statements
	s.body.Effect == "Allow"
	some a in cfn.as_list(s.body.Action)
	a in {"*", "*:*"}
	msg := sprintf("%s: policy statement allows all actions (%q)", [s.resource, a])
}

deny contains {"msg": msg, "path": array.concat(s.path, ["NotAction"]), "resource": s.resource} if {
	some s in cfn.statements
	s.body.Effect == "Allow"
	s.body.NotAction
	"*" in cfn.as_list(s.body.Resource)
	msg := sprintf("%s: policy statement allows every action but those in NotAction on every resource", [s.resource])
}
