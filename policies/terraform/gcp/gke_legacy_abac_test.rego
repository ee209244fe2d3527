package infragate.rules.terraform.gcp.gke_legacy_abac_test

import data.infragate.lib.terraform_test.locs
import data.infragate.rules.terraform.gcp.gke_legacy_abac.deny

test_enabled if {
	r := deny with input as {"resource": {"google_container_cluster": {"x": [{"enable_legacy_abac": true}]}}}
	locs(r) == {["google_container_cluster.x", ["resource", "google_container_cluster", "x", 0, "enable_legacy_abac"]]}
	some f in r
	startswith(f.msg, "google_container_cluster.x: ")
}

test_disabled if {
	count(deny) == 0 with input as {"resource": {"google_container_cluster": {"x": [{"enable_legacy_abac": false}]}}}
}

test_default if {
	count(deny) == 0 with input as {"resource": {"google_container_cluster": {"x": [{"name": "x"}]}}}
}

test_unknown if {
	count(deny) == 0 with input as {"resource": {"google_container_cluster": {"x": [{"enable_legacy_abac": "${var.abac}"}]}}}
}
