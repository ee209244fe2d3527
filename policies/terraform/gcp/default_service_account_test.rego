package infragate.rules.terraform.gcp.default_service_account_test

import data.infragate.lib.terraform_test.locs
import data.infragate.rules.terraform.gcp.default_service_account.deny

test_no_email if {
	r := deny with input as {"resource": {"google_compute_instance": {"vm": [{"service_account": [{"scopes": ["cloud-platform"]}]}]}}}
	locs(r) == {["google_compute_instance.vm", ["resource", "google_compute_instance", "vm", 0, "service_account", 0, "scopes"]]}
}

test_default_email if {
	r := deny with input as {"resource": {"google_compute_instance_template": {"t": [{"service_account": [{"email": "123-compute@developer.gserviceaccount.com", "scopes": ["https://www.googleapis.com/auth/cloud-platform"]}]}]}}}
	locs(r) == {["google_compute_instance_template.t", ["resource", "google_compute_instance_template", "t", 0, "service_account", 0, "scopes"]]}
}

test_compliant if {
	count(deny) == 0 with input as {"resource": {"google_compute_instance": {
		"a": [{"service_account": [{"email": "app@p.iam.gserviceaccount.com", "scopes": ["cloud-platform"]}]}],
		"b": [{"service_account": [{"scopes": ["logging-write", "monitoring-write"]}]}],
	}}}
}

test_unknown if {
	count(deny) == 0 with input as {"resource": {"google_compute_instance": {
		"a": [{"service_account": [{"email": "${google_service_account.app.email}", "scopes": ["cloud-platform"]}]}],
		"b": [{"service_account": [{"scopes": "${var.scopes}"}]}],
	}}}
}
