package infragate.rules.terraform.gcp.gke_master_authorized_networks_test

import data.infragate.lib.terraform_test.locs
import data.infragate.rules.terraform.gcp.gke_master_authorized_networks.deny

test_missing if {
	r := deny with input as {"resource": {"google_container_cluster": {"c": [{"name": "c"}]}}}
	locs(r) == {["google_container_cluster.c", ["resource", "google_container_cluster", "c", 0]]}
}

test_open_cidr if {
	r := deny with input as {"resource": {"google_container_cluster": {"c": [{"master_authorized_networks_config": [{"cidr_blocks": [{"cidr_block": "0.0.0.0/0"}]}]}]}}}
	locs(r) == {["google_container_cluster.c", ["resource", "google_container_cluster", "c", 0, "master_authorized_networks_config", 0, "cidr_blocks", 0, "cidr_block"]]}
}

test_compliant if {
	count(deny) == 0 with input as {"resource": {"google_container_cluster": {
		"a": [{"master_authorized_networks_config": [{"cidr_blocks": [{"cidr_block": "10.0.0.0/8"}]}]}],
		"b": [{"private_cluster_config": [{"enable_private_nodes": true, "enable_private_endpoint": true}]}],
	}}}
}

test_unknown if {
	count(deny) == 0 with input as {"resource": {"google_container_cluster": {
		"a": [{"master_authorized_networks_config": [{"cidr_blocks": [{"cidr_block": "${var.cidr}"}]}]}],
		"b": [{"private_cluster_config": [{"enable_private_endpoint": "${var.private}"}]}],
	}}}
}
