package infragate.rules.terraform.azure.key_vault_soft_delete_test

import data.infragate.lib.terraform_test.locs
import data.infragate.rules.terraform.azure.key_vault_soft_delete.deny

test_disabled if {
	r := deny with input as {"resource": {"azurerm_key_vault": {"x": [{"soft_delete_enabled": false}]}}}
	locs(r) == {["azurerm_key_vault.x", ["resource", "azurerm_key_vault", "x", 0, "soft_delete_enabled"]]}
	some f in r
	startswith(f.msg, "azurerm_key_vault.x: ")
}

test_default if {
	count(deny) == 0 with input as {"resource": {"azurerm_key_vault": {"x": [{"name": "x"}]}}}
}

test_unknown if {
	count(deny) == 0 with input as {"resource": {"azurerm_key_vault": {"x": [{"soft_delete_enabled": "${var.sd}"}]}}}
}
