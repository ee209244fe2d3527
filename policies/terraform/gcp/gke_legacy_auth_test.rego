package infragate.rules.terraform.gcp.gke_legacy_auth_test

import data.infragate.lib.terraform_test.locs
import data.infragate.rules.terraform.gcp.gke_legacy_auth.deny

test_basic_auth if {
	r := deny with input as {"resource": {"google_container_cluster": {"c": [{"master_auth": [{"username": "admin", "password": "${var.password}"}]}]}}}
	locs(r) == {["google_container_cluster.c", ["resource", "google_container_cluster", "c", 0, "master_auth", 0, "username"]]}
}

test_client_certificate if {
	r := deny with input as {"resource": {"google_container_cluster": {"c": [{"master_auth": [{"client_certificate_config": [{"issue_client_certificate": true}]}]}]}}}
	locs(r) == {["google_container_cluster.c", ["resource", "google_container_cluster", "c", 0, "master_auth", 0, "client_certificate_config", 0, "issue_client_certificate"]]}
}

test_compliant if {
	count(deny) == 0 with input as {"resource": {"google_container_cluster": {
		"a": [{"master_auth": [{"username": "", "password": "", "client_certificate_config": [{"issue_client_certificate": false}]}]}],
		"b": [{"name": "b"}],
	}}}
}

test_unknown if {
	count(deny) == 0 with input as {"resource": {"google_container_cluster": {"c": [{"master_auth": [{"username": "${var.user}", "client_certificate_config": [{"issue_client_certificate": "${var.certs}"}]}]}]}}}
}
