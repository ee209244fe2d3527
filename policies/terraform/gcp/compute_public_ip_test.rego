package infragate.rules.terraform.gcp.compute_public_ip_test

import data.infragate.lib.terraform_test.locs
import data.infragate.rules.terraform.gcp.compute_public_ip.deny

test_access_config if {
	r := deny with input as {"resource": {"google_compute_instance": {"vm": [{"network_interface": [{"network": "default", "access_config": [{}]}]}]}}}
	locs(r) == {["google_compute_instance.vm", ["resource", "google_compute_instance", "vm", 0, "network_interface", 0, "access_config", 0]]}
}

test_template if {
	r := deny with input as {"resource": {"google_compute_instance_template": {"t": [{"network_interface": [{"subnetwork": "s"}, {"access_config": [{"nat_ip": "${google_compute_address.a.address}"}]}]}]}}}
	locs(r) == {["google_compute_instance_template.t", ["resource", "google_compute_instance_template", "t", 0, "network_interface", 1, "access_config", 0]]}
}

test_private if {
	count(deny) == 0 with input as {"resource": {"google_compute_instance": {"vm": [{"network_interface": [{"subnetwork": "${google_compute_subnetwork.s.id}"}]}]}}}
}

test_dynamic_access_config_unknown if {
	count(deny) == 0 with input as {"resource": {"google_compute_instance": {"vm": [{"network_interface": [{"dynamic": {"access_config": [{"for_each": "${var.public ? [1] : []}", "content": [{}]}]}}]}]}}}
}
