# METADATA
# title: KMS key rotation is disabled
# description: >-
#   EnableKeyRotation defaults to false on an AWS::KMS::Key. Without rotation,
#   a key stays in use indefinitely. Only symmetric encryption keys can be
#   rotated, so asymmetric and HMAC keys are not reported.
# related_resources:
#   - ref: https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-kms-key.html#cfn-kms-key-enablekeyrotation
# custom:
#   id: IG-CFN-KMS-001
#   severity: medium
#   related_ids: [IG-AWS-KMS-001]
#   remediation: |
#     Key:
#       Type: AWS::KMS::Key
#       Properties:
#         EnableKeyRotation: true
package infragate.rules.cloudformation.kms_rotation

import data.infragate.lib.cloudformation as cfn

deny contains {"msg": msg, "path": cfn.prop_path(r, ["EnableKeyRotation"]), "resource": r.id} if {
	some r in keys
	cfn.is_false(r.props.EnableKeyRotation)
	msg := sprintf("%s: EnableKeyRotation is false", [r.id])
}

deny contains {"msg": msg, "path": r.path, "resource": r.id} if {
	some r in keys
	not cfn.has_key(r.props, "EnableKeyRotation")
	msg := sprintf("%s: EnableKeyRotation is not set (defaults to false)", [r.id])
}

keys contains r if {
	some r in cfn.of_type("AWS::KMS::Key")
	object.get(r.props, "KeySpec", "SYMMETRIC_DEFAULT") == "SYMMETRIC_DEFAULT"
}
