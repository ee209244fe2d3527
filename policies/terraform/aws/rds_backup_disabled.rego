# METADATA
# title: RDS automated backups are disabled
# description: >-
#   backup_retention_period = 0 turns off automated backups and point-in-time
#   recovery.
# related_resources:
#   - ref: https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/db_instance#backup_retention_period
# custom:
#   id: IG-AWS-RDS-003
#   severity: medium
#   remediation: |
#     resource "aws_db_instance" "db" {
#       # ...
#       backup_retention_period = 7
#     }
package infragate.rules.terraform.aws.rds_backup_disabled

import data.infragate.lib.terraform as tf

types := ["aws_db_instance", "aws_rds_cluster"]

attrs := ["backup_retention_period"]

deny contains {"msg": msg, "path": path, "resource": addr} if {
	some type in types
	some res in tf.resources[type]
	b := res.body
	some attr in attrs
	bad(b[attr])
	addr := res.address
	path := array.concat(res.path, [attr])
	msg := sprintf("%s: %s = %s: automated backups are disabled", [addr, attr, json.marshal(b[attr])])
}

bad(v) if tf.port_number(v) == 0

has_key(obj, k) if _ = obj[k]
