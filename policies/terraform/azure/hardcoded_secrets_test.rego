package infragate.rules.terraform.azure.hardcoded_secrets_test

import data.infragate.lib.terraform_test.locs
import data.infragate.rules.terraform.azure.hardcoded_secrets.deny

test_server_password if {
	r := deny with input as {"resource": {"azurerm_mssql_server": {"s": [{"administrator_login_password": "P@ss"}]}}}
	locs(r) == {["azurerm_mssql_server.s", ["resource", "azurerm_mssql_server", "s", 0, "administrator_login_password"]]}
	some f in r
	not contains(f.msg, "P@ss")
}

test_legacy_vm_os_profile if {
	r := deny with input as {"resource": {"azurerm_virtual_machine": {"v": [{"os_profile": [{"admin_password": "pw"}]}]}}}
	locs(r) == {["azurerm_virtual_machine.v", ["resource", "azurerm_virtual_machine", "v", 0, "os_profile", 0, "admin_password"]]}
}

test_provider_client_secret if {
	r := deny with input as {"provider": {"azurerm": [{"features": [{}], "client_secret": "s"}]}}
	locs(r) == {["provider.azurerm", ["provider", "azurerm", 0, "client_secret"]]}
}

test_not_literal if {
	count(deny) == 0 with input as {
		"provider": {"azurerm": [{"client_secret": "${var.secret}"}]},
		"resource": {"azurerm_key_vault_secret": {"k": [{"value": "${random_password.p.result}"}]}},
	}
}
