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
	some name, blocks in input.resource.google_sql_database_instance
	some i, b in blocks
	some s, settings in b.settings
	some c, ipc in settings.ip_configuration
	some n, net in ipc.authorized_networks
	tf.open_cidr(net.value)
	addr := tf.address("google_sql_database_instance", name)
	path := ["resource", "google_sql_database_instance", name, i, "settings", s, "ip_configuration", c, "authorized_networks", n, "value"]
	msg := sprintf("%s: authorized network %s admits the whole internet", [addr, net.value])
}
