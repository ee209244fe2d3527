# METADATA
# title: App Service allows TLS older than 1.2
# description: >-
#   site_config.minimum_tls_version (or min_tls_version on
#   azurerm_app_service) of 1.0 or 1.1 lets clients negotiate deprecated TLS
#   versions.
# related_resources:
#   - ref: https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/linux_web_app#minimum_tls_version
# custom:
#   id: IG-AZURE-APP-002
#   severity: medium
#   remediation: |
#     site_config {
#       minimum_tls_version = "1.2"
#     }
package infragate.rules.terraform.azure.app_min_tls

import data.infragate.lib.terraform as tf

types := ["azurerm_app_service", "azurerm_linux_web_app", "azurerm_windows_web_app", "azurerm_function_app", "azurerm_linux_function_app", "azurerm_windows_function_app"]

attrs := ["minimum_tls_version", "min_tls_version"]

block_names := ["site_config"]

deny contains {"msg": msg, "path": path, "resource": addr} if {
	some type in types
	some res in tf.resources[type]
	some block in block_names
	some nested in tf.blocks(res, block)
	blk := nested.body
	some attr in attrs
	bad(blk[attr])
	addr := res.address
	path := array.concat(nested.path, [attr])
	msg := sprintf("%s: %s.%s = %s: TLS versions older than 1.2 are accepted", [addr, block, attr, json.marshal(blk[attr])])
}

bad(v) if v in {"1.0", "1.1"}

has_key(obj, k) if _ = obj[k]
