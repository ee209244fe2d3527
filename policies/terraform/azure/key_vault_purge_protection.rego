# METADATA
# title: Key Vault purge protection is disabled
# description: >-
#   purge_protection_enabled defaults to false: a deleted vault or key can be
#   purged immediately, so an attacker or a mistake can destroy keys (and the
#   data they encrypt) for good.
# related_resources:
#   - ref: https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/key_vault#purge_protection_enabled
#   - ref: https://learn.microsoft.com/azure/key-vault/general/soft-delete-overview
# custom:
#   id: IG-AZURE-KV-001
#   severity: medium
#   remediation: |
#     resource "azurerm_key_vault" "kv" {
#       # ...
#       purge_protection_enabled   = true
#       soft_delete_retention_days = 90
#     }
package infragate.rules.terraform.azure.key_vault_purge_protection

import data.infragate.lib.terraform as tf

types := ["azurerm_key_vault"]

attrs := ["purge_protection_enabled"]

deny contains {"msg": msg, "path": path, "resource": addr} if {
	some type in types
	some res in tf.resources[type]
	b := res.body
	some attr in attrs
	bad(b[attr])
	addr := res.address
	path := array.concat(res.path, [attr])
	msg := sprintf("%s: %s = %s: deleted keys can be purged at once", [addr, attr, json.marshal(b[attr])])
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
	msg := sprintf("%s: purge_protection_enabled is not set (defaults to false)", [addr])
}

bad(v) if tf.is_false(v)

has_key(obj, k) if _ = obj[k]
