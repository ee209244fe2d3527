# METADATA
# title: SQL server allows public network access
# description: >-
#   public_network_access_enabled defaults to true on azurerm_mssql_server:
#   the server has a public endpoint, guarded only by its firewall rules.
#   Prefer private endpoints.
# related_resources:
#   - ref: https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/mssql_server#public_network_access_enabled
# custom:
#   id: IG-AZURE-SQL-001
#   severity: medium
#   enforcement: soft-mandatory
#   remediation: |
#     resource "azurerm_mssql_server" "sql" {
#       # ...
#       public_network_access_enabled = false
#     }
package infragate.rules.terraform.azure.sql_public_network

import data.infragate.lib.terraform as tf

types := ["azurerm_mssql_server"]

attrs := ["public_network_access_enabled"]

deny contains {"msg": msg, "path": path, "resource": addr} if {
	some type in types
	some res in tf.resources[type]
	b := res.body
	some attr in attrs
	bad(b[attr])
	addr := res.address
	path := array.concat(res.path, [attr])
	msg := sprintf("%s: %s = %s: the server has a public endpoint", [addr, attr, json.marshal(b[attr])])
}

deny contains {"msg": msg, "path": path, "resource": addr} if {
	some type in types
	some res in tf.resources[type]
	b := res.body
	every attr in attrs {
		not has_key(b, attr)
	}
	addr := res.address
	path := res.path
	msg := sprintf("%s: public_network_access_enabled is not set (defaults to true)", [addr])
}

bad(v) if tf.is_true(v)

has_key(obj, k) if _ = obj[k]
