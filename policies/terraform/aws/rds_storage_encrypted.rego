# METADATA
# title: RDS storage is not encrypted
# description: >-
#   storage_encrypted defaults to false for aws_db_instance and
#   aws_rds_cluster: data, snapshots and backups are stored unencrypted, and
#   encryption cannot be turned on later without a snapshot restore. Read
#   replicas and restores from snapshots inherit the source's encryption and
#   are not reported; Aurora Serverless v1 is always encrypted.
# related_resources:
#   - ref: https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/db_instance#storage_encrypted
#   - ref: https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Overview.Encryption.html
# custom:
#   id: IG-AWS-RDS-002
#   severity: high
#   remediation: |
#     resource "aws_db_instance" "db" {
#       # ...
#       storage_encrypted = true
#       kms_key_id        = aws_kms_key.rds.arn
#     }
package infragate.rules.terraform.aws.rds_storage_encrypted

import data.infragate.lib.terraform as tf

types := ["aws_db_instance", "aws_rds_cluster"]

attrs := ["storage_encrypted"]

deny contains {"msg": msg, "path": path, "resource": addr} if {
	some type in types
	some res in tf.resources[type]
	b := res.body
	not inherits_encryption(b)
	some attr in attrs
	bad(b[attr])
	addr := res.address
	path := array.concat(res.path, [attr])
	msg := sprintf("%s: %s = %s: storage is not encrypted", [addr, attr, json.marshal(b[attr])])
}

deny contains {"msg": msg, "path": path, "resource": addr} if {
	some type in types
	some res in tf.resources[type]
	b := res.body
	not inherits_encryption(b)
	every attr in attrs {
		not has_key(b, attr)
	}
	addr := res.address
	path := res.path
	msg := sprintf("%s: storage_encrypted is not set (defaults to false)", [addr])
}

bad(v) if tf.is_false(v)

has_key(obj, k) if _ = obj[k]

# Replicas and snapshot restores take their encryption from the source;
# Aurora Serverless v1 is always encrypted.
inherits_encryption(b) if b.replicate_source_db

inherits_encryption(b) if b.snapshot_identifier

inherits_encryption(b) if b.engine_mode == "serverless"
