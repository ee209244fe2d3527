# METADATA
# title: SQL server allows TLS older than 1.2
# description: >-
#   minimum_tls_version "1.0", "1.1" or "Disabled" on azurerm_mssql_server
#   lets clients connect with deprecated TLS versions.
# related_resources:
#   - ref: https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/mssql_server#minimum_tls_version
# custom:
#   id: IG-AZURE-SQL-002
#   severity: medium
#   remediation: |
#     resource "azurerm_mssql_server" "sql" {
#       # ...
#       minimum_tls_version = "1.2"
#     }
package infragate.rules.terraform.azure.sql_min_tls

import data.infragate.lib.terraform as tf

types := ["azurerm_mssql_server"]

attrs := ["minimum_tls_version"]

deny contains {"msg": msg, "path": path, "resource": addr} if {
	some type in types
	some res in tf.resources[type]
	b := res.body
	some attr in attrs
	bad(b[attr])
	addr := res.address
	path := array.concat(res.path, [attr])
	msg := sprintf("%s: %s = %s: TLS versions older than 1.2 are accepted", [addr, attr, json.marshal(b[attr])])
}

bad(v) if v in {"1.0", "1.1", "Disabled"}

has_key(obj, k) if _ = obj[k]
