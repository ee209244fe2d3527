# METADATA
# title: RDS storage is not encrypted
# description: >-
#   StorageEncrypted defaults to false for AWS::RDS::DBInstance and
#   AWS::RDS::DBCluster. Instances of an Aurora cluster, read replicas and
#   snapshot restores take their encryption from the cluster or source, and
#   Aurora Serverless v1 is always encrypted: those are not reported.
# related_resources:
#   - ref: https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-rds-dbinstance.html#cfn-rds-dbinstance-storageencrypted
#   - ref: https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-rds-dbcluster.html#cfn-rds-dbcluster-storageencrypted
# custom:
#   id: IG-CFN-RDS-002
#   severity: high
#   related_ids: [IG-AWS-RDS-002]
#   remediation: |
#     DBCluster:
#       Type: AWS::RDS::DBCluster
#       Properties:
#         StorageEncrypted: true
#         KmsKeyId: !Ref DatabaseKey
package infragate.rules.cloudformation.rds_storage_encrypted

import data.infragate.lib.cloudformation as cfn

inherited := {
	"DBClusterIdentifier", "SourceDBInstanceIdentifier", "SourceDBInstanceAutomatedBackupsArn",
	"DBSnapshotIdentifier", "SnapshotIdentifier", "SourceDBClusterIdentifier",
}

deny contains {"msg": msg, "path": cfn.prop_path(r, ["StorageEncrypted"]), "resource": r.id} if {
	some r in candidates
	cfn.is_false(r.props.StorageEncrypted)
	msg := sprintf("%s: StorageEncrypted is false: storage is not encrypted", [r.id])
}

deny contains {"msg": msg, "path": r.path, "resource": r.id} if {
	some r in candidates
	not cfn.has_key(r.props, "StorageEncrypted")
	msg := sprintf("%s: StorageEncrypted is not set (defaults to false)", [r.id])
}

candidates contains r if {
	some t in ["AWS::RDS::DBInstance", "AWS::RDS::DBCluster"]
	some r in cfn.of_type(t)
	every k in inherited {
		not cfn.has_key(r.props, k)
	}
	not aurora_instance(r)
	object.get(r.props, "EngineMode", "provisioned") != "serverless"
}

aurora_instance(r) if {
	r.type == "AWS::RDS::DBInstance"
	is_string(r.props.Engine)
	startswith(lower(r.props.Engine), "aurora")
}
