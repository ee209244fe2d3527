# METADATA
# title: Planned RDS storage is not encrypted
# description: >-
#   storage_encrypted is planned as false for an aws_db_instance or
#   aws_rds_cluster. Read replicas, snapshot restores and Aurora Serverless
#   v1 take their encryption elsewhere and are not reported.
# related_resources:
#   - ref: https://developer.hashicorp.com/terraform/internals/json-format#plan-representation
#   - ref: https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/db_instance#storage_encrypted
# custom:
#   id: IG-PLAN-AWS-RDS-002
#   severity: high
#   related_ids: [IG-AWS-RDS-002]
#   remediation: |
#     resource "aws_db_instance" "db" {
#       storage_encrypted = true
#       kms_key_id        = aws_kms_key.db.arn
#     }
package infragate.rules.tfplan.rds_storage_encrypted

import data.infragate.lib.tfplan

deny contains {"msg": msg, "path": tfplan.attr_path(r, "storage_encrypted"), "resource": r.address} if {
	some t in ["aws_db_instance", "aws_rds_cluster"]
	some r in tfplan.of_type(t)
	r.after.storage_encrypted == false
	not inherits_encryption(r.after)
	msg := sprintf("%s: storage_encrypted is planned as false: storage is not encrypted", [r.address])
}

inherits_encryption(a) if is_string(a.replicate_source_db)

inherits_encryption(a) if is_string(a.snapshot_identifier)

inherits_encryption(a) if a.engine_mode == "serverless"
