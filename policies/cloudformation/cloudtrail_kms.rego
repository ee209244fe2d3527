# METADATA
# title: CloudTrail logs are not encrypted with a KMS key
# description: >-
#   Without KMSKeyId, CloudTrail logs are encrypted with S3-managed keys only:
#   anyone who can read the bucket can read the logs. A KMS key adds a second,
#   audited permission.
# related_resources:
#   - ref: https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-cloudtrail-trail.html#cfn-cloudtrail-trail-kmskeyid
# custom:
#   id: IG-CFN-CT-003
#   severity: low
#   related_ids: [IG-AWS-CT-003]
#   remediation: |
#     Trail:
#       Type: AWS::CloudTrail::Trail
#       Properties:
#         KMSKeyId: !Ref TrailKey
package infragate.rules.cloudformation.cloudtrail_kms

import data.infragate.lib.cloudformation as cfn

warn contains {"msg": msg, "path": r.path, "resource": r.id} if {
	some r in cfn.of_type("AWS::CloudTrail::Trail")
	not cfn.has_key(r.props, "KMSKeyId")
	msg := sprintf("%s: the trail sets no KMSKeyId", [r.id])
}
