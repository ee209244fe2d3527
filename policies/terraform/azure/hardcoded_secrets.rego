# METADATA
# title: Secret is hard-coded in the configuration
# description: >-
#   A password or secret written into a .tf file is readable by everyone who
#   can read the repository, stays in its history after it is removed, and
#   is copied into every clone, CI log and state file. The arguments checked
#   are the provider's client secret and the administrator passwords and
#   secret values of Azure resources; a value taken from a variable, a data
#   source or another resource is not reported.
# related_resources:
#   - ref: https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs#argument-reference
#   - ref: https://developer.hashicorp.com/terraform/language/values/variables#suppressing-values-in-cli-output
# custom:
#   id: IG-AZURE-SECRET-001
#   severity: high
#   remediation: |
#     Rotate the secret, then read it at apply time instead:
#       variable "admin_password" {
#         type      = string
#         sensitive = true
#       }
#       resource "azurerm_mssql_server" "sql" {
#         # ...
#         administrator_login_password = var.admin_password
#       }
#     For the provider, use ARM_CLIENT_SECRET, a managed identity or OIDC.
package infragate.rules.terraform.azure.hardcoded_secrets

import data.infragate.lib.terraform as tf

# The arguments of each resource type that hold a secret.
secret_args := {
	"azurerm_linux_virtual_machine": ["admin_password"],
	"azurerm_windows_virtual_machine": ["admin_password"],
	"azurerm_linux_virtual_machine_scale_set": ["admin_password"],
	"azurerm_windows_virtual_machine_scale_set": ["admin_password"],
	"azurerm_mssql_server": ["administrator_login_password"],
	"azurerm_sql_server": ["administrator_login_password"],
	"azurerm_postgresql_server": ["administrator_login_password"],
	"azurerm_mysql_server": ["administrator_login_password"],
	"azurerm_postgresql_flexible_server": ["administrator_password"],
	"azurerm_mysql_flexible_server": ["administrator_password"],
	"azurerm_key_vault_secret": ["value"],
}

deny contains {"msg": msg, "path": path, "resource": res.address} if {
	some type, args in secret_args
	some res in tf.resources[type]
	some arg in args
	tf.hardcoded(res.body[arg])
	path := array.concat(res.path, [arg])
	msg := sprintf("%s: %s is written into the configuration", [res.address, arg])
}

# A VM's os_profile block (the legacy azurerm_virtual_machine).
deny contains {"msg": msg, "path": path, "resource": res.address} if {
	some res in tf.resources.azurerm_virtual_machine
	some blk in tf.blocks(res, "os_profile")
	tf.hardcoded(blk.body.admin_password)
	path := array.concat(blk.path, ["admin_password"])
	msg := sprintf("%s: os_profile.admin_password is written into the configuration", [res.address])
}

deny contains {"msg": msg, "path": path, "resource": p.address} if {
	some p in tf.providers("azurerm")
	tf.hardcoded(p.body.client_secret)
	path := array.concat(p.path, ["client_secret"])
	msg := sprintf("%s: client_secret is written into the configuration", [p.address])
}
