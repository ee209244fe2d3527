package infragate.rules.terraform.azure.app_https_only_test

import data.infragate.lib.terraform_test.locs
import data.infragate.rules.terraform.azure.app_https_only.deny

test_explicit_false if {
	r := deny with input as {"resource": {"azurerm_linux_web_app": {"x": [{"https_only": false}]}}}
	locs(r) == {["azurerm_linux_web_app.x", ["resource", "azurerm_linux_web_app", "x", 0, "https_only"]]}
	some f in r
	startswith(f.msg, "azurerm_linux_web_app.x: ")
}

test_missing if {
	r := deny with input as {"resource": {"azurerm_windows_function_app": {"x": [{"name": "x"}]}}}
	locs(r) == {["azurerm_windows_function_app.x", ["resource", "azurerm_windows_function_app", "x", 0]]}
	some f in r
	startswith(f.msg, "azurerm_windows_function_app.x: ")
}

test_https if {
	count(deny) == 0 with input as {"resource": {"azurerm_app_service": {"x": [{"https_only": true}]}}}
}

test_unknown if {
	count(deny) == 0 with input as {"resource": {"azurerm_linux_web_app": {"x": [{"https_only": "${var.https}"}]}}}
}
