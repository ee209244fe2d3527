# METADATA
# title: S3 bucket has no server-side encryption configuration
# description: >-
#   An AWS::S3::Bucket without BucketEncryption gets only the S3 default
#   (SSE-S3). Declaring the encryption, ideally with a KMS key, makes it
#   explicit and lets access to the data be controlled and audited through the
#   key.
# related_resources:
#   - ref: https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-s3-bucket-bucketencryption.html
# custom:
#   id: IG-CFN-S3-005
#   severity: low
#   related_ids: [IG-AWS-S3-005]
#   remediation: |
#     BucketEncryption:
#       ServerSideEncryptionConfiguration:
#         - ServerSideEncryptionByDefault:
#             SSEAlgorithm: aws:kms
#             KMSMasterKeyID: !Ref BucketKey
package infragate.rules.cloudformation.s3_encryption

import data.infragate.lib.cloudformation as cfn

warn contains {"msg": msg, "path": r.path, "resource": r.id} if {
	some r in cfn.of_type("AWS::S3::Bucket")
	not cfn.has_key(r.props, "BucketEncryption")
	msg := sprintf("%s: bucket declares no BucketEncryption", [r.id])
}
