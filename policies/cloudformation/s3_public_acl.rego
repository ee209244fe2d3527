# METADATA
# title: S3 bucket AccessControl grants public access
# description: >-
#   An AWS::S3::Bucket with AccessControl PublicRead, PublicReadWrite or
#   AuthenticatedRead lets anyone (or any AWS account) list or read the
#   bucket, and with write access change its content.
# related_resources:
#   - ref: https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-s3-bucket.html#cfn-s3-bucket-accesscontrol
# custom:
#   id: IG-CFN-S3-001
#   severity: high
#   related_ids: [IG-AWS-S3-001]
#   remediation: |
#     Remove AccessControl (buckets are private by default) and grant access through IAM or a bucket policy:
#        Bucket:
#          Type: AWS::S3::Bucket
#          Properties:
#            OwnershipControls:
#              Rules:
#                - ObjectOwnership: BucketOwnerEnforced
package infragate.rules.cloudformation.s3_public_acl

import data.infragate.lib.cloudformation as cfn

public_acls := {"PublicRead", "PublicReadWrite", "AuthenticatedRead"}

deny contains {"msg": msg, "path": cfn.prop_path(r, ["AccessControl"]), "resource": r.id} if {
	some r in cfn.of_type("AWS::S3::Bucket")
	r.props.AccessControl in public_acls
	msg := sprintf("%s: AccessControl %s makes the bucket public", [r.id, r.props.AccessControl])
}
