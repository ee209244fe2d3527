# METADATA
# title: Cloud SQL instance accepts unencrypted connections
# description: >-
#   Unless ip_configuration sets ssl_mode to ENCRYPTED_ONLY or
#   TRUSTED_CLIENT_CERTIFICATE_REQUIRED (or, in older providers,
#   require_ssl = true), clients may connect without TLS. Reported when
#   require_ssl is false, ssl_mode is ALLOW_UNENCRYPTED_AND_ENCRYPTED, or an
#   ip_configuration block sets neither.
# related_resources:
#   - ref: https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/sql_database_instance#ssl_mode
#   - ref: https://cloud.google.com/sql/docs/postgres/configure-ssl-instance
# custom:
#   id: IG-GCP-SQL-002
#   severity: medium
#   remediation: |
#     ip_configuration {
#       ipv4_enabled = false
#       ssl_mode     = "ENCRYPTED_ONLY"
#     }
package infragate.rules.terraform.gcp.sql_ssl

import data.infragate.lib.terraform as tf

ip_configurations contains [res.address, blk.path, blk.body] if {
	some res in tf.resources.google_sql_database_instance
	some settings in tf.blocks(res, "settings")
	some blk in tf.blocks(settings, "ip_configuration")
}

secure_modes := {"ENCRYPTED_ONLY", "TRUSTED_CLIENT_CERTIFICATE_REQUIRED"}

deny contains {"msg": msg, "path": path, "resource": addr} if {
	some [addr, prefix, ipc] in ip_configurations
	ipc.ssl_mode == "ALLOW_UNENCRYPTED_AND_ENCRYPTED"
	path := array.concat(prefix, ["ssl_mode"])
	msg := sprintf("%s: ssl_mode allows unencrypted connections", [addr])
}

deny contains {"msg": msg, "path": path, "resource": addr} if {
	some [addr, prefix, ipc] in ip_configurations
	tf.is_false(ipc.require_ssl)
	not has_key(ipc, "ssl_mode")
	path := array.concat(prefix, ["require_ssl"])
	msg := sprintf("%s: require_ssl = false allows unencrypted connections", [addr])
}

deny contains {"msg": msg, "path": prefix, "resource": addr} if {
	some [addr, prefix, ipc] in ip_configurations
	not has_key(ipc, "ssl_mode")
	not has_key(ipc, "require_ssl")
	msg := sprintf("%s: neither ssl_mode nor require_ssl is set: unencrypted connections are allowed", [addr])
}

has_key(obj, k) if _ = obj[k]
