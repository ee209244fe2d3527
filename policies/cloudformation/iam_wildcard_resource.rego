# METADATA
# title: IAM policy allows every action of a service on all resources
# description: >-
#   An Allow statement that combines a service-wide action wildcard (such as
#   s3:*) with Resource "*" grants that service on every resource of the
#   account.
# related_resources:
#   - ref: https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege
# custom:
#   id: IG-CFN-IAM-002
#   severity: medium
#   related_ids: [IG-AWS-IAM-002]
#   remediation: |
#     Name the actions and resources:
#       Statement:
#         - Effect: Allow
#           Action: [s3:GetObject, s3:PutObject]
#           Resource: !Sub arn:aws:s3:::${UploadsBucket}/*
package infragate.rules.cloudformation.iam_wildcard_resource

import data.infragate.lib.cloudformation as cfn

deny contains {"msg": msg, "path": array.concat(s.path, ["Resource"]), "resource": s.resource} if {
	some s in cfn.statements
	s.body.Effect == "Allow"
	"*" in cfn.as_list(s.body.Resource)
	some a in cfn.as_list(s.body.Action)
	is_string(a)
	regex.match(`^[a-zA-Z0-9-]+:\*$`, a)
	msg := sprintf("%s: policy statement allows %q on all resources", [s.resource, a])
}
