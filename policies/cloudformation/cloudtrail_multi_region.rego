# METADATA
# title: CloudTrail trail is not multi-region
# description: >-
#   A trail that records one region misses activity in every other region,
#   where an attacker can work unseen. IsMultiRegionTrail defaults to false.
# related_resources:
#   - ref: https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-cloudtrail-trail.html
# custom:
#   id: IG-CFN-CT-001
#   severity: medium
#   related_ids: [IG-AWS-CT-001]
#   remediation: |
#     Trail:
#       Type: AWS::CloudTrail::Trail
#       Properties:
#         IsMultiRegionTrail: true
package infragate.rules.cloudformation.cloudtrail_multi_region

import data.infragate.lib.cloudformation as cfn

deny contains {"msg": msg, "path": cfn.prop_path(r, ["IsMultiRegionTrail"]), "resource": r.id} if {
	some r in cfn.of_type("AWS::CloudTrail::Trail")
	cfn.is_false(r.props.IsMultiRegionTrail)
	msg := sprintf("%s: IsMultiRegionTrail is false: the trail records one region only", [r.id])
}

deny contains {"msg": msg, "path": r.path, "resource": r.id} if {
	some r in cfn.of_type("AWS::CloudTrail::Trail")
	not cfn.has_key(r.props, "IsMultiRegionTrail")
	msg := sprintf("%s: IsMultiRegionTrail is not set (defaults to false): the trail records one region only", [r.id])
}
