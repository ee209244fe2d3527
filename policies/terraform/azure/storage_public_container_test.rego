package infragate.rules.terraform.azure.storage_public_container_test

import data.infragate.lib.terraform_test.locs
import data.infragate.rules.terraform.azure.storage_public_container.deny

test_blob if {
	r := deny with input as {"resource": {"azurerm_storage_container": {"x": [{"container_access_type": "blob"}]}}}
	locs(r) == {["azurerm_storage_container.x", ["resource", "azurerm_storage_container", "x", 0, "container_access_type"]]}
	some f in r
	startswith(f.msg, "azurerm_storage_container.x: ")
}

test_private if {
	count(deny) == 0 with input as {"resource": {"azurerm_storage_container": {"x": [{"container_access_type": "private"}]}}}
}

test_default if {
	count(deny) == 0 with input as {"resource": {"azurerm_storage_container": {"x": [{"name": "x"}]}}}
}

test_unknown if {
	count(deny) == 0 with input as {"resource": {"azurerm_storage_container": {"x": [{"container_access_type": "${var.access}"}]}}}
}
