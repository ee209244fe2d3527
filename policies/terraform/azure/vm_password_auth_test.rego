package infragate.rules.terraform.azure.vm_password_auth_test

import data.infragate.lib.terraform_test.locs
import data.infragate.rules.terraform.azure.vm_password_auth.deny

test_linux_vm if {
	r := deny with input as {"resource": {"azurerm_linux_virtual_machine": {"x": [{"disable_password_authentication": false}]}}}
	locs(r) == {["azurerm_linux_virtual_machine.x", ["resource", "azurerm_linux_virtual_machine", "x", 0, "disable_password_authentication"]]}
	some f in r
	startswith(f.msg, "azurerm_linux_virtual_machine.x: ")
}

test_legacy_vm if {
	r := deny with input as {"resource": {"azurerm_virtual_machine": {"x": [{"os_profile_linux_config": [{"disable_password_authentication": false}]}]}}}
	locs(r) == {["azurerm_virtual_machine.x", ["resource", "azurerm_virtual_machine", "x", 0, "os_profile_linux_config", 0, "disable_password_authentication"]]}
	some f in r
	startswith(f.msg, "azurerm_virtual_machine.x: ")
}

test_keys_only if {
	count(deny) == 0 with input as {"resource": {"azurerm_linux_virtual_machine": {"x": [{"disable_password_authentication": true}]}}}
}

test_default if {
	count(deny) == 0 with input as {"resource": {"azurerm_linux_virtual_machine": {"x": [{"name": "x"}]}}}
}

test_unknown if {
	count(deny) == 0 with input as {"resource": {"azurerm_linux_virtual_machine": {"x": [{"disable_password_authentication": "${var.no_pw}"}]}}}
}
