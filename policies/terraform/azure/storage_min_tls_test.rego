package infragate.rules.terraform.azure.storage_min_tls_test

import data.infragate.lib.terraform_test.locs
import data.infragate.rules.terraform.azure.storage_min_tls.deny

test_old if {
	r := deny with input as {"resource": {"azurerm_storage_account": {"x": [{"min_tls_version": "TLS1_0"}]}}}
	locs(r) == {["azurerm_storage_account.x", ["resource", "azurerm_storage_account", "x", 0, "min_tls_version"]]}
	some f in r
	startswith(f.msg, "azurerm_storage_account.x: ")
}

test_modern if {
	count(deny) == 0 with input as {"resource": {"azurerm_storage_account": {"x": [{"min_tls_version": "TLS1_2"}]}}}
}

test_unknown if {
	count(deny) == 0 with input as {"resource": {"azurerm_storage_account": {"x": [{"min_tls_version": "${var.tls}"}]}}}
}
