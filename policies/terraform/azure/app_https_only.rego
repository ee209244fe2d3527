# METADATA
# title: App Service accepts plain HTTP
# description: >-
#   https_only defaults to false on App Service and Function apps: the site
#   answers over unencrypted HTTP instead of redirecting to HTTPS.
# related_resources:
#   - ref: https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/linux_web_app#https_only
# custom:
#   id: IG-AZURE-APP-001
#   severity: medium
#   remediation: |
#     resource "azurerm_linux_web_app" "app" {
#       # ...
#       https_only = true
#     }
package infragate.rules.terraform.azure.app_https_only

import data.infragate.lib.terraform as tf

types := ["azurerm_app_service", "azurerm_linux_web_app", "azurerm_windows_web_app", "azurerm_function_app", "azurerm_linux_function_app", "azurerm_windows_function_app"]

attrs := ["https_only"]

deny contains {"msg": msg, "path": path, "resource": addr} if {
	some type in types
	some res in tf.resources[type]
	b := res.body
	some attr in attrs
	bad(b[attr])
	addr := res.address
	path := array.concat(res.path, [attr])
	msg := sprintf("%s: %s = %s: the app is served over HTTP", [addr, attr, json.marshal(b[attr])])
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
	msg := sprintf("%s: https_only is not set (defaults to false)", [addr])
}

bad(v) if tf.is_false(v)

has_key(obj, k) if _ = obj[k]
