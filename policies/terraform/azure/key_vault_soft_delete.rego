# METADATA
# title: Key Vault soft delete is disabled
# description: >-
#   soft_delete_enabled = false (older azurerm providers) deletes keys,
#   secrets and certificates permanently and immediately.
# related_resources:
#   - ref: https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/key_vault
#   - ref: https://learn.microsoft.com/azure/key-vault/general/soft-delete-overview
# custom:
#   id: IG-AZURE-KV-002
#   severity: medium
#   remediation: |
#     resource "azurerm_key_vault" "kv" {
#       # ...
#       soft_delete_retention_days = 90
#       purge_protection_enabled   = true
#     }
package infragate.rules.terraform.azure.key_vault_soft_delete

import data.infragate.lib.terraform as tf

types := ["azurerm_key_vault"]

attrs := ["soft_delete_enabled"]

deny contains {"msg": msg, "path": path, "resource": addr} if {
	some type in types
	some res in tf.resources[type]
	b := res.body
	some attr in attrs
	bad(b[attr])
	addr := res.address
	path := array.concat(res.path, [attr])
	msg := sprintf("%s: %s = %s: deleted objects cannot be recovered", [addr, attr, json.marshal(b[attr])])
}

bad(v) if tf.is_false(v)

has_key(obj, k) if _ = obj[k]
