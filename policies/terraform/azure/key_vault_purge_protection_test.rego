package infragate.rules.terraform.azure.key_vault_purge_protection_test

import data.infragate.lib.terraform_test.locs
import data.infragate.rules.terraform.azure.key_vault_purge_protection.deny

test_explicit_false if {
	r := deny with input as {"resource": {"azurerm_key_vault": {"x": [{"purge_protection_enabled": false}]}}}
	locs(r) == {["azurerm_key_vault.x", ["resource", "azurerm_key_vault", "x", 0, "purge_protection_enabled"]]}
	some f in r
	startswith(f.msg, "azurerm_key_vault.x: ")
}

test_missing if {
	r := deny with input as {"resource": {"azurerm_key_vault": {"x": [{"name": "x"}]}}}
	locs(r) == {["azurerm_key_vault.x", ["resource", "azurerm_key_vault", "x", 0]]}
	some f in r
	startswith(f.msg, "azurerm_key_vault.x: ")
}

test_enabled if {
	count(deny) == 0 with input as {"resource": {"azurerm_key_vault": {"x": [{"purge_protection_enabled": true}]}}}
}

test_unknown if {
	count(deny) == 0 with input as {"resource": {"azurerm_key_vault": {"x": [{"purge_protection_enabled": "${var.purge}"}]}}}
}
