# METADATA
# title: Storage account accepts plain HTTP
# description: >-
#   enable_https_traffic_only (provider v3) or https_traffic_only_enabled (v4)
#   = false lets clients reach blobs, files and queues over unencrypted HTTP.
# related_resources:
#   - ref: https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/storage_account#https_traffic_only_enabled
# custom:
#   id: IG-AZURE-STORAGE-001
#   severity: high
#   remediation: |
#     resource "azurerm_storage_account" "sa" {
#       # ...
#       https_traffic_only_enabled = true
#     }
package infragate.rules.terraform.azure.storage_https_only

import data.infragate.lib.terraform as tf

types := ["azurerm_storage_account"]

attrs := ["enable_https_traffic_only", "https_traffic_only_enabled"]

deny contains {"msg": msg, "path": path, "resource": addr} if {
	some type in types
	some res in tf.resources[type]
	b := res.body
	some attr in attrs
	bad(b[attr])
	addr := res.address
	path := array.concat(res.path, [attr])
	msg := sprintf("%s: %s = %s: requests over plain HTTP are accepted", [addr, attr, json.marshal(b[attr])])
}

bad(v) if tf.is_false(v)

has_key(obj, k) if _ = obj[k]
