package infragate.rules.terraform.aws.sg_open_rdp_test

import data.infragate.lib.terraform_test.locs
import data.infragate.rules.terraform.aws.sg_open_rdp.deny

test_inline_ingress if {
	r := deny with input as {"resource": {"aws_security_group": {"sg": [{"ingress": [{"from_port": 3389, "to_port": 3389, "protocol": "tcp", "cidr_blocks": ["0.0.0.0/0"]}]}]}}}
	locs(r) == {["aws_security_group.sg", ["resource", "aws_security_group", "sg", 0, "ingress", 0, "cidr_blocks"]]}
}

test_vpc_ingress_rule_udp if {
	r := deny with input as {"resource": {"aws_vpc_security_group_ingress_rule": {"r": [{"cidr_ipv6": "::/0", "from_port": 3389, "to_port": 3389, "ip_protocol": "udp"}]}}}
	locs(r) == {["aws_vpc_security_group_ingress_rule.r", ["resource", "aws_vpc_security_group_ingress_rule", "r", 0, "cidr_ipv6"]]}
}

test_compliant if {
	count(deny) == 0 with input as {"resource": {
		"aws_security_group_rule": {"r": [{"type": "ingress", "from_port": 3389, "to_port": 3389, "protocol": "tcp", "cidr_blocks": ["192.168.0.0/16"]}]},
		"aws_vpc_security_group_ingress_rule": {"r": [{"cidr_ipv4": "0.0.0.0/0", "from_port": 80, "to_port": 443, "ip_protocol": "tcp"}]},
	}}
}

test_unknown if {
	count(deny) == 0 with input as {"resource": {"aws_security_group_rule": {"r": [{"type": "ingress", "from_port": "${local.rdp}", "to_port": "${local.rdp}", "protocol": "tcp", "cidr_blocks": ["0.0.0.0/0"]}]}}}
}
