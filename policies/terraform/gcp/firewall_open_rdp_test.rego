package infragate.rules.terraform.gcp.firewall_open_rdp_test

import data.infragate.lib.terraform_test.locs
import data.infragate.rules.terraform.gcp.firewall_open_rdp.deny

test_open_rdp_range if {
	r := deny with input as {"resource": {"google_compute_firewall": {"f": [{"source_ranges": ["10.0.0.0/8", "0.0.0.0/0"], "allow": [{"protocol": "tcp", "ports": ["3000-4000"]}]}]}}}
	locs(r) == {["google_compute_firewall.f", ["resource", "google_compute_firewall", "f", 0, "source_ranges"]]}
}

test_compliant if {
	count(deny) == 0 with input as {"resource": {"google_compute_firewall": {
		"vpn": [{"source_ranges": ["10.8.0.0/16"], "allow": [{"protocol": "tcp", "ports": ["3389"]}]}],
		"ssh_only": [{"source_ranges": ["0.0.0.0/0"], "allow": [{"protocol": "tcp", "ports": ["22"]}]}],
	}}}
}

test_unknown if {
	count(deny) == 0 with input as {"resource": {"google_compute_firewall": {"a": [{"source_ranges": ["${var.range}"], "allow": [{"protocol": "tcp", "ports": ["3389"]}]}]}}}
}
