# METADATA
# title: EBS volume is not encrypted
# description: >-
#   Encrypted defaults to false on an AWS::EC2::Volume (unless encryption by
#   default is turned on for the account and region, which a template cannot
#   show). Volumes restored from a snapshot take the snapshot's encryption and
#   are not reported.
# related_resources:
#   - ref: https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-ec2-volume.html#cfn-ec2-volume-encrypted
# custom:
#   id: IG-CFN-EBS-001
#   severity: medium
#   related_ids: [IG-AWS-EBS-001]
#   remediation: |
#     Volume:
#       Type: AWS::EC2::Volume
#       Properties:
#         Encrypted: true
package infragate.rules.cloudformation.ebs_encrypted

import data.infragate.lib.cloudformation as cfn

deny contains {"msg": msg, "path": cfn.prop_path(r, ["Encrypted"]), "resource": r.id} if {
	some r in volumes
	cfn.is_false(r.props.Encrypted)
	msg := sprintf("%s: Encrypted is false: the volume is not encrypted", [r.id])
}

deny contains {"msg": msg, "path": r.path, "resource": r.id} if {
	some r in volumes
	not cfn.has_key(r.props, "Encrypted")
	msg := sprintf("%s: Encrypted is not set (defaults to false)", [r.id])
}

volumes contains r if {
	some r in cfn.of_type("AWS::EC2::Volume")
	not cfn.has_key(r.props, "SnapshotId")
}
