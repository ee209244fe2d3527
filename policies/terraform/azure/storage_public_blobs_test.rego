package infragate.rules.terraform.azure.storage_public_blobs_test

import data.infragate.lib.terraform_test.locs
import data.infragate.rules.terraform.azure.storage_public_blobs.deny

test_v3 if {
	r := deny with input as {"resource": {"azurerm_storage_account": {"x": [{"allow_nested_items_to_be_public": true}]}}}
	locs(r) == {["azurerm_storage_account.x", ["resource", "azurerm_storage_account", "x", 0, "allow_nested_items_to_be_public"]]}
	some f in r
	startswith(f.msg, "azurerm_storage_account.x: ")
}

test_v2 if {
	r := deny with input as {"resource": {"azurerm_storage_account": {"x": [{"allow_blob_public_access": true}]}}}
	locs(r) == {["azurerm_storage_account.x", ["resource", "azurerm_storage_account", "x", 0, "allow_blob_public_access"]]}
	some f in r
	startswith(f.msg, "azurerm_storage_account.x: ")
}

test_disabled if {
	count(deny) == 0 with input as {"resource": {"azurerm_storage_account": {"x": [{"allow_nested_items_to_be_public": false}]}}}
}

test_unknown if {
	count(deny) == 0 with input as {"resource": {"azurerm_storage_account": {"x": [{"allow_nested_items_to_be_public": "${var.public}"}]}}}
}
