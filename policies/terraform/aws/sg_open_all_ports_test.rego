package infragate.rules.terraform.aws.sg_open_all_ports_test

import data.infragate.lib.terraform_test.locs
import data.infragate.rules.terraform.aws.sg_open_all_ports.deny

test_protocol_all if {
	r := deny with input as {"resource": {
		"aws_security_group": {"sg": [{"ingress": [{"from_port": 0, "to_port": 0, "protocol": "-1", "cidr_blocks": ["0.0.0.0/0"]}]}]},
		"aws_vpc_security_group_ingress_rule": {"r": [{"cidr_ipv4": "0.0.0.0/0", "ip_protocol": "-1"}]},
	}}
	locs(r) == {
		["aws_security_group.sg", ["resource", "aws_security_group", "sg", 0, "ingress", 0, "cidr_blocks"]],
		["aws_vpc_security_group_ingress_rule.r", ["resource", "aws_vpc_security_group_ingress_rule", "r", 0, "cidr_ipv4"]],
	}
}

test_full_tcp_range if {
	r := deny with input as {"resource": {"aws_security_group_rule": {"r": [{"type": "ingress", "from_port": 0, "to_port": 65535, "protocol": "tcp", "cidr_blocks": ["0.0.0.0/0"]}]}}}
	locs(r) == {["aws_security_group_rule.r", ["resource", "aws_security_group_rule", "r", 0, "cidr_blocks"]]}
}

test_compliant if {
	count(deny) == 0 with input as {"resource": {
		"aws_security_group": {"sg": [{
			"ingress": [{"from_port": 0, "to_port": 0, "protocol": "-1", "self": true}],
			"egress": [{"from_port": 0, "to_port": 0, "protocol": "-1", "cidr_blocks": ["0.0.0.0/0"]}],
		}]},
		"aws_security_group_rule": {"r": [{"type": "ingress", "from_port": 0, "to_port": 65535, "protocol": "tcp", "cidr_blocks": ["10.0.0.0/8"]}]},
	}}
}

test_unknown if {
	count(deny) == 0 with input as {"resource": {"aws_security_group_rule": {"r": [{"type": "ingress", "from_port": 0, "to_port": 65535, "protocol": "${var.protocol}", "cidr_blocks": ["0.0.0.0/0"]}]}}}
}

test_dynamic_ingress_all_ports if {
	r := deny with input as {"resource": {"aws_security_group": {"sg": [{"dynamic": {"ingress": [
		{"for_each": "${var.x}", "content": [{"from_port": 0, "to_port": 0, "protocol": "-1", "cidr_blocks": ["0.0.0.0/0"]}]},
	]}}]}}}
	locs(r) == {["aws_security_group.sg", ["resource", "aws_security_group", "sg", 0, "dynamic", "ingress", 0, "content", 0, "cidr_blocks"]]}
}
