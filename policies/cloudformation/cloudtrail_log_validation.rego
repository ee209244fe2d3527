# METADATA
# title: CloudTrail log file validation is disabled
# description: >-
#   Without log file validation, a deleted or modified log file cannot be
#   detected. EnableLogFileValidation defaults to false.
# related_resources:
#   - ref: https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-cloudtrail-trail.html
# custom:
#   id: IG-CFN-CT-002
#   severity: medium
#   related_ids: [IG-AWS-CT-002]
#   remediation: |
#     Trail:
#       Type: AWS::CloudTrail::Trail
#       Properties:
#         EnableLogFileValidation: true
package infragate.rules.cloudformation.cloudtrail_log_validation

import data.infragate.lib.cloudformation as cfn

deny contains {"msg": msg, "path": cfn.prop_path(r, ["EnableLogFileValidation"]), "resource": r.id} if {
	some r in cfn.of_type("AWS::CloudTrail::Trail")
	cfn.is_false(r.props.EnableLogFileValidation)
	msg := sprintf("%s: EnableLogFileValidation is false: log files are not validated", [r.id])
}

deny contains {"msg": msg, "path": r.path, "resource": r.id} if {
	some r in cfn.of_type("AWS::CloudTrail::Trail")
	not cfn.has_key(r.props, "EnableLogFileValidation")
	msg := sprintf("%s: EnableLogFileValidation is not set (defaults to false): log files are not validated", [r.id])
}
