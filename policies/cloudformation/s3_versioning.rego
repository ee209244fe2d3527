# METADATA
# title: S3 bucket versioning is not enabled
# description: >-
#   Without versioning, an overwritten or deleted object cannot be recovered.
#   Reported when an AWS::S3::Bucket has no VersioningConfiguration or its
#   Status is Suspended.
# related_resources:
#   - ref: https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-s3-bucket-versioningconfiguration.html
# custom:
#   id: IG-CFN-S3-006
#   severity: low
#   related_ids: [IG-AWS-S3-006]
#   remediation: |
#     VersioningConfiguration:
#       Status: Enabled
package infragate.rules.cloudformation.s3_versioning

import data.infragate.lib.cloudformation as cfn

warn contains {"msg": msg, "path": r.path, "resource": r.id} if {
	some r in cfn.of_type("AWS::S3::Bucket")
	not cfn.has_key(r.props, "VersioningConfiguration")
	msg := sprintf("%s: versioning is not configured", [r.id])
}

warn contains {"msg": msg, "path": cfn.prop_path(r, ["VersioningConfiguration", "Status"]), "resource": r.id} if {
	some r in cfn.of_type("AWS::S3::Bucket")
	r.props.VersioningConfiguration.Status == "Suspended"
	msg := sprintf("%s: versioning is suspended", [r.id])
}
