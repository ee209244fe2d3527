# METADATA
# title: Planned RDS database instance is publicly accessible
# description: >-
#   publicly_accessible = true in the planned values of aws_db_instance or
#   aws_rds_cluster_instance gives the database a public DNS name and address.
# related_resources:
#   - ref: https://developer.hashicorp.com/terraform/internals/json-format#plan-representation
#   - ref: https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/db_instance
# custom:
#   id: IG-PLAN-AWS-RDS-001
#   severity: high
#   related_ids: [IG-AWS-RDS-001]
#   remediation: |
#     resource "aws_db_instance" "db" {
#       publicly_accessible = false
#     }
package infragate.rules.tfplan.rds_public

import data.infragate.lib.tfplan

deny contains {"msg": msg, "path": tfplan.attr_path(r, "publicly_accessible"), "resource": r.address} if {
	some t in ["aws_db_instance", "aws_rds_cluster_instance"]
	some r in tfplan.of_type(t)
	r.after.publicly_accessible == true
	msg := sprintf("%s: publicly_accessible is planned as true: the database gets a public endpoint", [r.address])
}
