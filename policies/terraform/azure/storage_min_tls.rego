# METADATA
# title: Storage account allows TLS older than 1.2
# description: >-
#   min_tls_version = TLS1_0 or TLS1_1 lets clients negotiate deprecated
#   protocol versions.
# related_resources:
#   - ref: https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/storage_account#min_tls_version
# custom:
#   id: IG-AZURE-STORAGE-002
#   severity: medium
#   remediation: |
#     resource "azurerm_storage_account" "sa" {
#       # ...
#       min_tls_version = "TLS1_2"
#     }
package infragate.rules.terraform.azure.storage_min_tls

import data.infragate.lib.terraform as tf

types := ["azurerm_storage_account"]

attrs := ["min_tls_version"]

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

bad(v) if v in {"TLS1_0", "TLS1_1"}

has_key(obj, k) if _ = obj[k]
