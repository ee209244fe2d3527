# METADATA
# title: S3 public access block does not block everything
# description: >-
#   A PublicAccessBlockConfiguration that sets BlockPublicAcls,
#   BlockPublicPolicy, IgnorePublicAcls or RestrictPublicBuckets to false, or
#   leaves one out (which makes it false), lets a public ACL or bucket policy
#   expose the bucket.
# related_resources:
#   - ref: https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-s3-bucket-publicaccessblockconfiguration.html
# custom:
#   id: IG-CFN-S3-003
#   severity: medium
#   related_ids: [IG-AWS-S3-003]
#   remediation: |
#     PublicAccessBlockConfiguration:
#       BlockPublicAcls: true
#       BlockPublicPolicy: true
#       IgnorePublicAcls: true
#       RestrictPublicBuckets: true
package infragate.rules.cloudformation.s3_public_access_block

import data.infragate.lib.cloudformation as cfn

settings := ["BlockPublicAcls", "BlockPublicPolicy", "IgnorePublicAcls", "RestrictPublicBuckets"]

deny contains {"msg": msg, "path": cfn.prop_path(r, ["PublicAccessBlockConfiguration", key]), "resource": r.id} if {
	some r in cfn.of_type("AWS::S3::Bucket")
	some key in settings
	cfn.is_false(r.props.PublicAccessBlockConfiguration[key])
	msg := sprintf("%s: PublicAccessBlockConfiguration.%s is false", [r.id, key])
}

deny contains {"msg": msg, "path": cfn.prop_path(r, ["PublicAccessBlockConfiguration"]), "resource": r.id} if {
	some r in cfn.of_type("AWS::S3::Bucket")
	conf := r.props.PublicAccessBlockConfiguration
	is_object(conf)
	not cfn.intrinsic(conf)
	some key in settings
	not cfn.has_key(conf, key)
	msg := sprintf("%s: PublicAccessBlockConfiguration does not set %s (defaults to false)", [r.id, key])
}
