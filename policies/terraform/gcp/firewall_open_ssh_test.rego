package infragate.rules.terraform.gcp.firewall_open_ssh_test

import data.infragate.lib.terraform_test.locs
import data.infragate.rules.terraform.gcp.firewall_open_ssh.deny

test_open_ssh if {
	r := deny with input as {"resource": {"google_compute_firewall": {"f": [{"network": "default", "source_ranges": ["0.0.0.0/0"], "allow": [{"protocol": "icmp"}, {"protocol": "tcp", "ports": ["22"]}]}]}}}
	locs(r) == {["google_compute_firewall.f", ["resource", "google_compute_firewall", "f", 0, "source_ranges"]]}
}

test_all_ports if {
	r := deny with input as {"resource": {"google_compute_firewall": {"f": [{"source_ranges": ["0.0.0.0/0"], "allow": [{"protocol": "all"}]}]}}}
	locs(r) == {["google_compute_firewall.f", ["resource", "google_compute_firewall", "f", 0, "source_ranges"]]}
}

test_compliant if {
	count(deny) == 0 with input as {"resource": {"google_compute_firewall": {
		"iap": [{"source_ranges": ["35.235.240.0/20"], "allow": [{"protocol": "tcp", "ports": ["22"]}]}],
		"web": [{"source_ranges": ["0.0.0.0/0"], "allow": [{"protocol": "tcp", "ports": ["80", "443"]}]}],
		"egress": [{"direction": "EGRESS", "destination_ranges": ["0.0.0.0/0"], "allow": [{"protocol": "tcp", "ports": ["22"]}]}],
		"disabled": [{"disabled": true, "source_ranges": ["0.0.0.0/0"], "allow": [{"protocol": "tcp", "ports": ["22"]}]}],
	}}}
}

test_unknown if {
	count(deny) == 0 with input as {"resource": {"google_compute_firewall": {
		"a": [{"source_ranges": "${var.ranges}", "allow": [{"protocol": "tcp", "ports": ["22"]}]}],
		"b": [{"source_ranges": ["0.0.0.0/0"], "allow": [{"protocol": "tcp", "ports": ["${var.port}"]}]}],
	}}}
}
