package infragate.rules.terraform.azure.app_min_tls_test

import data.infragate.lib.terraform_test.locs
import data.infragate.rules.terraform.azure.app_min_tls.deny

test_old if {
	r := deny with input as {"resource": {"azurerm_linux_web_app": {"x": [{"site_config": [{"minimum_tls_version": "1.0"}]}]}}}
	locs(r) == {["azurerm_linux_web_app.x", ["resource", "azurerm_linux_web_app", "x", 0, "site_config", 0, "minimum_tls_version"]]}
	some f in r
	startswith(f.msg, "azurerm_linux_web_app.x: ")
}

test_app_service if {
	r := deny with input as {"resource": {"azurerm_app_service": {"x": [{"site_config": [{"min_tls_version": "1.1"}]}]}}}
	locs(r) == {["azurerm_app_service.x", ["resource", "azurerm_app_service", "x", 0, "site_config", 0, "min_tls_version"]]}
	some f in r
	startswith(f.msg, "azurerm_app_service.x: ")
}

test_modern if {
	count(deny) == 0 with input as {"resource": {"azurerm_linux_web_app": {"x": [{"site_config": [{"minimum_tls_version": "1.2"}]}]}}}
}

test_unknown if {
	count(deny) == 0 with input as {"resource": {"azurerm_linux_web_app": {"x": [{"site_config": [{"minimum_tls_version": "${var.tls}"}]}]}}}
}
