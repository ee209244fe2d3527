package infragate.rules.terraform.azure.storage_https_only_test

import data.infragate.lib.terraform_test.locs
import data.infragate.rules.terraform.azure.storage_https_only.deny

test_v3 if {
	r := deny with input as {"resource": {"azurerm_storage_account": {"x": [{"enable_https_traffic_only": false}]}}}
	locs(r) == {["azurerm_storage_account.x", ["resource", "azurerm_storage_account", "x", 0, "enable_https_traffic_only"]]}
	some f in r
	startswith(f.msg, "azurerm_storage_account.x: ")
}

test_v4 if {
	r := deny with input as {"resource": {"azurerm_storage_account": {"x": [{"https_traffic_only_enabled": false}]}}}
	locs(r) == {["azurerm_storage_account.x", ["resource", "azurerm_storage_account", "x", 0, "https_traffic_only_enabled"]]}
	some f in r
	startswith(f.msg, "azurerm_storage_account.x: ")
}

test_default if {
	count(deny) == 0 with input as {"resource": {"azurerm_storage_account": {"x": [{"name": "x"}]}}}
}

test_unknown if {
	count(deny) == 0 with input as {"resource": {"azurerm_storage_account": {"x": [{"https_traffic_only_enabled": "${var.https}"}]}}}
}
