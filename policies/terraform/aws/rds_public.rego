# METADATA
# title: RDS database instance is publicly accessible
# description: >-
#   publicly_accessible = true gives the instance a public DNS name and
#   address; with a permissive security group the database is reachable from
#   the internet.
# related_resources:
#   - ref: https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/db_instance
# custom:
#   id: IG-AWS-RDS-001
#   severity: high
#   remediation: |
#     resource "aws_db_instance" "db" {
#       # ...
#       publicly_accessible = false
#     }
package infragate.rules.terraform.aws.rds_public

import data.infragate.lib.terraform as tf

types := ["aws_db_instance", "aws_rds_cluster_instance"]

attrs := ["publicly_accessible"]

deny contains {"msg": msg, "path": path, "resource": addr} if {
	some type in types
	some res in tf.resources[type]
	b := res.body
	some attr in attrs
	bad(b[attr])
	addr := res.address
	path := array.concat(res.path, [attr])
	msg := sprintf("%s: %s = %s: the database gets a public endpoint", [addr, attr, json.marshal(b[attr])])
}

bad(v) if tf.is_true(v)

has_key(obj, k) if _ = obj[k]
