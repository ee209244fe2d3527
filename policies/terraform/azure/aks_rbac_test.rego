package infragate.rules.terraform.azure.aks_rbac_test

import data.infragate.lib.terraform_test.locs
import data.infragate.rules.terraform.azure.aks_rbac.deny

test_disabled if {
	r := deny with input as {"resource": {"azurerm_kubernetes_cluster": {"x": [{"role_based_access_control_enabled": false}]}}}
	locs(r) == {["azurerm_kubernetes_cluster.x", ["resource", "azurerm_kubernetes_cluster", "x", 0, "role_based_access_control_enabled"]]}
	some f in r
	startswith(f.msg, "azurerm_kubernetes_cluster.x: ")
}

test_v2_block if {
	r := deny with input as {"resource": {"azurerm_kubernetes_cluster": {"x": [{"role_based_access_control": [{"enabled": false}]}]}}}
	locs(r) == {["azurerm_kubernetes_cluster.x", ["resource", "azurerm_kubernetes_cluster", "x", 0, "role_based_access_control", 0, "enabled"]]}
	some f in r
	startswith(f.msg, "azurerm_kubernetes_cluster.x: ")
}

test_enabled if {
	count(deny) == 0 with input as {"resource": {"azurerm_kubernetes_cluster": {"x": [{"role_based_access_control_enabled": true}]}}}
}

test_default if {
	count(deny) == 0 with input as {"resource": {"azurerm_kubernetes_cluster": {"x": [{"name": "x"}]}}}
}

test_unknown if {
	count(deny) == 0 with input as {"resource": {"azurerm_kubernetes_cluster": {"x": [{"role_based_access_control_enabled": "${var.rbac}"}]}}}
}
