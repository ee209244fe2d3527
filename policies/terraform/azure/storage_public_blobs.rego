# METADATA
# title: Storage account allows public blob access
# description: >-
#   allow_nested_items_to_be_public (v3+) or allow_blob_public_access (v2) =
#   true lets containers in the account be made readable anonymously.
# related_resources:
#   - ref: https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/storage_account#allow_nested_items_to_be_public
#   - ref: https://learn.microsoft.com/azure/storage/blobs/anonymous-read-access-prevent
# custom:
#   id: IG-AZURE-STORAGE-003
#   severity: high
#   remediation: |
#     resource "azurerm_storage_account" "sa" {
#       # ...
#       allow_nested_items_to_be_public = false
#     }
package infragate.rules.terraform.azure.storage_public_blobs

import data.infragate.lib.terraform as tf

types := ["azurerm_storage_account"]

attrs := ["allow_nested_items_to_be_public", "allow_blob_public_access"]

deny contains {"msg": msg, "path": path, "resource": addr} if {
	some type in types
	some res in tf.resources[type]
	b := res.body
	some attr in attrs
	bad(b[attr])
	addr := res.address
	path := array.concat(res.path, [attr])
	msg := sprintf("%s: %s = %s: containers can be made public", [addr, attr, json.marshal(b[attr])])
}

bad(v) if tf.is_true(v)

has_key(obj, k) if _ = obj[k]
