# METADATA
# title: Cloud SQL instance accepts connections from the whole internet
# description: >-
#   An authorized network of 0.0.0.0/0 in settings.ip_configuration lets any
#   address connect to the instance's public IP; only the database password
#   stands in the way.
# related_resources:
#   - ref: https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/sql_database_instance#authorized_networks
#   - ref: https://cloud.google.com/sql/docs/mysql/authorize-networks
# custom:
#   id: IG-GCP-SQL-001
#   severity: high
#   remediation: |
#     Authorize specific ranges, or use private IP and the Cloud SQL Auth Proxy:
#       ip_configuration {
#         ipv4_enabled    = false
#         private_network = google_compute_network.main.id
#       }
package infragate.rules.terraform.gcp.sql_authorized_networks

import data.infragate.lib.terraform as tf

deny contains {"msg": msg, "path": path, "resource": addr} if {
	some res in tf.resources.google_sql_database_instance
	some settings in tf.blocks(res, "settings")
	some ipc in tf.blocks(settings, "ip_configuration")
	some net in tf.blocks(ipc, "authorized_networks")
	tf.open_cidr(net.body.value)
	addr := res.address
	path := array.concat(net.path, ["value"])
	msg := sprintf("%s: authorized network %s admits the whole internet", [addr, net.body.value])
}
