package infragate.rules.terraform.azure.sql_min_tls_test

import data.infragate.lib.terraform_test.locs
import data.infragate.rules.terraform.azure.sql_min_tls.deny

test_old if {
	r := deny with input as {"resource": {"azurerm_mssql_server": {"x": [{"minimum_tls_version": "1.0"}]}}}
	locs(r) == {["azurerm_mssql_server.x", ["resource", "azurerm_mssql_server", "x", 0, "minimum_tls_version"]]}
	some f in r
	startswith(f.msg, "azurerm_mssql_server.x: ")
}

test_modern if {
	count(deny) == 0 with input as {"resource": {"azurerm_mssql_server": {"x": [{"minimum_tls_version": "1.2"}]}}}
}

test_unknown if {
	count(deny) == 0 with input as {"resource": {"azurerm_mssql_server": {"x": [{"minimum_tls_version": "${var.tls}"}]}}}
}
