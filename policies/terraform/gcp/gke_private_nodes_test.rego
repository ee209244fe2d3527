package infragate.rules.terraform.gcp.gke_private_nodes_test

import data.infragate.lib.terraform_test.locs
import data.infragate.rules.terraform.gcp.gke_private_nodes.deny

test_missing_block if {
	r := deny with input as {"resource": {"google_container_cluster": {"x": [{"name": "x"}]}}}
	locs(r) == {["google_container_cluster.x", ["resource", "google_container_cluster", "x", 0]]}
	some f in r
	startswith(f.msg, "google_container_cluster.x: ")
}

test_explicit_false if {
	r := deny with input as {"resource": {"google_container_cluster": {"x": [{"private_cluster_config": [{"enable_private_nodes": false}]}]}}}
	locs(r) == {["google_container_cluster.x", ["resource", "google_container_cluster", "x", 0, "private_cluster_config", 0, "enable_private_nodes"]]}
	some f in r
	startswith(f.msg, "google_container_cluster.x: ")
}

test_missing_attr if {
	r := deny with input as {"resource": {"google_container_cluster": {"x": [{"private_cluster_config": [{"enable_private_endpoint": false}]}]}}}
	locs(r) == {["google_container_cluster.x", ["resource", "google_container_cluster", "x", 0, "private_cluster_config", 0]]}
	some f in r
	startswith(f.msg, "google_container_cluster.x: ")
}

test_private if {
	count(deny) == 0 with input as {"resource": {"google_container_cluster": {"x": [{"private_cluster_config": [{"enable_private_nodes": true}]}]}}}
}

test_unknown if {
	count(deny) == 0 with input as {"resource": {"google_container_cluster": {"x": [{"private_cluster_config": [{"enable_private_nodes": "${var.private}"}]}]}}}
}
