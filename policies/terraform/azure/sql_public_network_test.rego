package infragate.rules.terraform.azure.sql_public_network_test

import data.infragate.lib.terraform_test.locs
import data.infragate.rules.terraform.azure.sql_public_network.deny

test_explicit_true if {
	r := deny with input as {"resource": {"azurerm_mssql_server": {"x": [{"public_network_access_enabled": true}]}}}
	locs(r) == {["azurerm_mssql_server.x", ["resource", "azurerm_mssql_server", "x", 0, "public_network_access_enabled"]]}
	some f in r
	startswith(f.msg, "azurerm_mssql_server.x: ")
}

test_missing if {
	r := deny with input as {"resource": {"azurerm_mssql_server": {"x": [{"name": "x"}]}}}
	locs(r) == {["azurerm_mssql_server.x", ["resource", "azurerm_mssql_server", "x", 0]]}
	some f in r
	startswith(f.msg, "azurerm_mssql_server.x: ")
}

test_private if {
	count(deny) == 0 with input as {"resource": {"azurerm_mssql_server": {"x": [{"public_network_access_enabled": false}]}}}
}

test_unknown if {
	count(deny) == 0 with input as {"resource": {"azurerm_mssql_server": {"x": [{"public_network_access_enabled": "${var.public}"}]}}}
}
