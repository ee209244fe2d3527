# METADATA
# title: Linux VM allows password authentication
# description: >-
#   disable_password_authentication = false lets SSH log-ins use passwords,
#   which can be guessed or reused; SSH keys are not exposed to brute force.
# related_resources:
#   - ref: https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/linux_virtual_machine#disable_password_authentication
# custom:
#   id: IG-AZURE-VM-001
#   severity: medium
#   remediation: |
#     resource "azurerm_linux_virtual_machine" "vm" {
#       # ...
#       disable_password_authentication = true
#       admin_ssh_key {
#         username   = "azureuser"
#         public_key = file("~/.ssh/id_ed25519.pub")
#       }
#     }
package infragate.rules.terraform.azure.vm_password_auth

import data.infragate.lib.terraform as tf

types := ["azurerm_linux_virtual_machine", "azurerm_linux_virtual_machine_scale_set"]

attrs := ["disable_password_authentication"]

deny contains {"msg": msg, "path": path, "resource": addr} if {
	some type in types
	some res in tf.resources[type]
	b := res.body
	some attr in attrs
	bad(b[attr])
	addr := res.address
	path := array.concat(res.path, [attr])
	msg := sprintf("%s: %s = %s: SSH accepts passwords", [addr, attr, json.marshal(b[attr])])
}

bad(v) if tf.is_false(v)

has_key(obj, k) if _ = obj[k]

# Legacy azurerm_virtual_machine: os_profile_linux_config block.
deny contains {"msg": msg, "path": path, "resource": addr} if {
	some res in tf.resources.azurerm_virtual_machine
	some cfg_blk in tf.blocks(res, "os_profile_linux_config")
	cfg := cfg_blk.body
	tf.is_false(cfg.disable_password_authentication)
	addr := res.address
	path := array.concat(cfg_blk.path, ["disable_password_authentication"])
	msg := sprintf("%s: os_profile_linux_config.disable_password_authentication = false: SSH accepts passwords", [addr])
}
