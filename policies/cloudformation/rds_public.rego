# METADATA
# title: RDS database instance is publicly accessible
# description: >-
#   PubliclyAccessible true on an AWS::RDS::DBInstance gives the database a
#   public DNS name and address; only the security group stands between it and
#   the internet.
# related_resources:
#   - ref: https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-rds-dbinstance.html#cfn-rds-dbinstance-publiclyaccessible
# custom:
#   id: IG-CFN-RDS-001
#   severity: high
#   related_ids: [IG-AWS-RDS-001]
#   remediation: |
#     DBInstance:
#       Type: AWS::RDS::DBInstance
#       Properties:
#         PubliclyAccessible: false
package infragate.rules.cloudformation.rds_public

import data.infragate.lib.cloudformation as cfn

deny contains {"msg": msg, "path": cfn.prop_path(r, ["PubliclyAccessible"]), "resource": r.id} if {
	some r in cfn.of_type("AWS::RDS::DBInstance")
	cfn.is_true(r.props.PubliclyAccessible)
	msg := sprintf("%s: PubliclyAccessible is true: the database gets a public endpoint", [r.id])
}
