package infragate.rules.tfplan.sg_open_test

import data.infragate.lib.tfplan_test.change
import data.infragate.lib.tfplan_test.locs
import data.infragate.lib.tfplan_test.plan
import data.infragate.lib.tfplan_test.unknown_change
import data.infragate.rules.tfplan.sg_open_all_ports
import data.infragate.rules.tfplan.sg_open_rdp
import data.infragate.rules.tfplan.sg_open_ssh

open_plan := plan([
	change("aws_security_group", "web", ["create"], {"ingress": [
		{"protocol": "tcp", "from_port": 443, "to_port": 443, "cidr_blocks": ["0.0.0.0/0"], "ipv6_cidr_blocks": []},
		{"protocol": "tcp", "from_port": 22, "to_port": 22, "cidr_blocks": ["10.0.0.0/8"], "ipv6_cidr_blocks": ["::/0"]},
	]}),
	change("aws_security_group_rule", "rdp", ["create"], {"type": "ingress", "protocol": "tcp", "from_port": 3389, "to_port": 3389, "cidr_blocks": ["0.0.0.0/0"]}),
	change("aws_vpc_security_group_ingress_rule", "all", ["update"], {"ip_protocol": "-1", "cidr_ipv4": "0.0.0.0/0", "from_port": null, "to_port": null}),
	change("aws_security_group_rule", "egress", ["create"], {"type": "egress", "protocol": "-1", "from_port": 0, "to_port": 0, "cidr_blocks": ["0.0.0.0/0"]}),
])

test_ssh if {
	locs(sg_open_ssh.deny) == {["aws_security_group.web", ["resource_changes", 0, "change", "after", "ingress", 1, "ipv6_cidr_blocks"]]} with input as open_plan
}

test_rdp if {
	locs(sg_open_rdp.deny) == {["aws_security_group_rule.rdp", ["resource_changes", 1, "change", "after", "cidr_blocks"]]} with input as open_plan
}

test_all_ports if {
	r := sg_open_all_ports.deny with input as open_plan
	locs(r) == {["aws_vpc_security_group_ingress_rule.all", ["resource_changes", 2, "change", "after", "cidr_ipv4"]]}
}

test_closed_and_unknown_pass if {
	p := plan([
		change("aws_security_group", "db", ["create"], {"ingress": [{"protocol": "tcp", "from_port": 22, "to_port": 22, "cidr_blocks": ["10.0.0.0/8"]}]}),
		unknown_change("aws_security_group_rule", "u", ["cidr_blocks", "from_port"]),
		change("aws_vpc_security_group_ingress_rule", "v", ["create"], {"ip_protocol": "tcp", "from_port": 22, "to_port": 22, "cidr_ipv4": null}),
	])
	count(sg_open_ssh.deny) == 0 with input as p
	count(sg_open_rdp.deny) == 0 with input as p
	count(sg_open_all_ports.deny) == 0 with input as p
}

test_ssh_open_spellings if {
	p := plan([
		change("aws_security_group_rule", "v6", ["create"], {"type": "ingress", "protocol": "tcp", "from_port": 22, "to_port": 22, "ipv6_cidr_blocks": ["0:0:0:0:0:0:0:0/0"]}),
		change("aws_vpc_security_group_ingress_rule", "half", ["create"], {"ip_protocol": "tcp", "cidr_ipv4": "0.0.0.0/1", "from_port": 22, "to_port": 22}),
	])
	locs(sg_open_ssh.deny) == {
		["aws_security_group_rule.v6", ["resource_changes", 0, "change", "after", "ipv6_cidr_blocks"]],
		["aws_vpc_security_group_ingress_rule.half", ["resource_changes", 1, "change", "after", "cidr_ipv4"]],
	} with input as p
}
