# METADATA
# title: Storage container allows anonymous read access
# description: >-
#   container_access_type = "blob" or "container" lets anyone on the internet
#   read the container's blobs (and, with container, list them).
# related_resources:
#   - ref: https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/storage_container#container_access_type
# custom:
#   id: IG-AZURE-STORAGE-004
#   severity: high
#   remediation: |
#     resource "azurerm_storage_container" "c" {
#       name                  = "data"
#       storage_account_id    = azurerm_storage_account.sa.id
#       container_access_type = "private"
#     }
package infragate.rules.terraform.azure.storage_public_container

import data.infragate.lib.terraform as tf

types := ["azurerm_storage_container"]

attrs := ["container_access_type"]

deny contains {"msg": msg, "path": path, "resource": addr} if {
	some type in types
	some res in tf.resources[type]
	b := res.body
	some attr in attrs
	bad(b[attr])
	addr := res.address
	path := array.concat(res.path, [attr])
	msg := sprintf("%s: %s = %s: blobs are readable anonymously", [addr, attr, json.marshal(b[attr])])
}

bad(v) if v in {"blob", "container"}

has_key(obj, k) if _ = obj[k]
