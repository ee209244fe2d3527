package infragate.rules.terraform.azure.aks_api_public_test

import data.infragate.lib.terraform_test.locs
import data.infragate.rules.terraform.azure.aks_api_public.deny

cluster(body) := {"resource": {"azurerm_kubernetes_cluster": {"x": [body]}}}

test_public_without_ranges if {
	r := deny with input as cluster({"name": "x"})
	locs(r) == {["azurerm_kubernetes_cluster.x", ["resource", "azurerm_kubernetes_cluster", "x", 0]]}
	some f in r
	contains(f.msg, "no authorized IP ranges")
}

test_explicitly_not_private if {
	r := deny with input as cluster({"private_cluster_enabled": false})
	locs(r) == {["azurerm_kubernetes_cluster.x", ["resource", "azurerm_kubernetes_cluster", "x", 0]]}
}

test_open_range_v3 if {
	r := deny with input as cluster({"api_server_access_profile": [{"authorized_ip_ranges": ["10.0.0.0/8", "0.0.0.0/0"]}]})
	locs(r) == {["azurerm_kubernetes_cluster.x", ["resource", "azurerm_kubernetes_cluster", "x", 0, "api_server_access_profile", 0, "authorized_ip_ranges"]]}
}

test_open_range_v2 if {
	r := deny with input as cluster({"api_server_authorized_ip_ranges": ["0.0.0.0/0"]})
	locs(r) == {["azurerm_kubernetes_cluster.x", ["resource", "azurerm_kubernetes_cluster", "x", 0, "api_server_authorized_ip_ranges"]]}
}

test_private if {
	count(deny) == 0 with input as cluster({"private_cluster_enabled": true})
}

test_limited_ranges if {
	count(deny) == 0 with input as cluster({"api_server_access_profile": [{"authorized_ip_ranges": ["203.0.113.0/24"]}]})
	count(deny) == 0 with input as cluster({"api_server_authorized_ip_ranges": ["203.0.113.0/24"]})
}

test_unknown_values if {
	count(deny) == 0 with input as cluster({"private_cluster_enabled": "${var.private}"})
	count(deny) == 0 with input as cluster({"api_server_access_profile": [{"authorized_ip_ranges": "${var.ranges}"}]})
	count(deny) == 0 with input as cluster({"dynamic": {"api_server_access_profile": [{"content": [{}]}]}})
}

test_other_resources if {
	count(deny) == 0 with input as {"resource": {"azurerm_storage_account": {"x": [{}]}}}
}
