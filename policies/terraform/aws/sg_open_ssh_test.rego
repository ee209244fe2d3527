package infragate.rules.terraform.aws.sg_open_ssh_test

import data.infragate.lib.terraform_test.locs
import data.infragate.rules.terraform.aws.sg_open_ssh.deny

test_inline_ingress if {
	r := deny with input as {"resource": {"aws_security_group": {"sg": [{"ingress": [
		{"from_port": 443, "to_port": 443, "protocol": "tcp", "cidr_blocks": ["0.0.0.0/0"]},
		{"from_port": 22, "to_port": 22, "protocol": "tcp", "cidr_blocks": ["10.0.0.0/8", "0.0.0.0/0"]},
	]}]}}}
	locs(r) == {["aws_security_group.sg", ["resource", "aws_security_group", "sg", 0, "ingress", 1, "cidr_blocks"]]}
}

test_security_group_rule_ipv6_range if {
	r := deny with input as {"resource": {"aws_security_group_rule": {"r": [{"type": "ingress", "from_port": 0, "to_port": 1024, "protocol": "TCP", "ipv6_cidr_blocks": ["::/0"]}]}}}
	locs(r) == {["aws_security_group_rule.r", ["resource", "aws_security_group_rule", "r", 0, "ipv6_cidr_blocks"]]}
}

test_vpc_ingress_rule if {
	r := deny with input as {"resource": {"aws_vpc_security_group_ingress_rule": {"r": [{"cidr_ipv4": "0.0.0.0/0", "from_port": 22, "to_port": 22, "ip_protocol": "tcp"}]}}}
	locs(r) == {["aws_vpc_security_group_ingress_rule.r", ["resource", "aws_vpc_security_group_ingress_rule", "r", 0, "cidr_ipv4"]]}
}

test_compliant if {
	count(deny) == 0 with input as {"resource": {
		"aws_security_group": {"sg": [{"ingress": [{"from_port": 22, "to_port": 22, "protocol": "tcp", "cidr_blocks": ["10.0.0.0/8"]}]}]},
		"aws_security_group_rule": {"egress": [{"type": "egress", "from_port": 22, "to_port": 22, "protocol": "tcp", "cidr_blocks": ["0.0.0.0/0"]}]},
		"aws_vpc_security_group_ingress_rule": {"r": [{"cidr_ipv4": "0.0.0.0/0", "from_port": 443, "to_port": 443, "ip_protocol": "tcp"}]},
	}}
}

test_all_ports_left_to_other_rule if {
	count(deny) == 0 with input as {"resource": {"aws_security_group_rule": {"r": [{"type": "ingress", "from_port": 0, "to_port": 0, "protocol": "-1", "cidr_blocks": ["0.0.0.0/0"]}]}}}
}

test_unknown if {
	count(deny) == 0 with input as {"resource": {
		"aws_security_group": {"sg": [{"ingress": [{"from_port": "${var.port}", "to_port": "${var.port}", "protocol": "tcp", "cidr_blocks": ["0.0.0.0/0"]}]}]},
		"aws_security_group_rule": {"r": [{"type": "ingress", "from_port": 22, "to_port": 22, "protocol": "tcp", "cidr_blocks": "${var.cidrs}"}]},
		"aws_vpc_security_group_ingress_rule": {"r": [{"cidr_ipv4": "${var.cidr}", "from_port": 22, "to_port": 22, "ip_protocol": "tcp"}]},
	}}
}

# The whole internet spelled otherwise: IPv6 zeros, prefix length 0, and
# two halves (prefix length 1).
test_open_spellings if {
	r := deny with input as {"resource": {
		"aws_security_group_rule": {
			"zeros": [{"type": "ingress", "from_port": 22, "to_port": 22, "protocol": "tcp", "ipv6_cidr_blocks": ["0:0:0:0:0:0:0:0/0"]}],
			"short": [{"type": "ingress", "from_port": 22, "to_port": 22, "protocol": "tcp", "ipv6_cidr_blocks": ["::0/0"]}],
			"halves": [{"type": "ingress", "from_port": 22, "to_port": 22, "protocol": "tcp", "cidr_blocks": ["0.0.0.0/1", "128.0.0.0/1"]}],
			"narrow": [{"type": "ingress", "from_port": 22, "to_port": 22, "protocol": "tcp", "cidr_blocks": ["0.0.0.0/8", "10.0.0.0/2"]}],
		},
		"aws_vpc_security_group_ingress_rule": {"v6": [{"cidr_ipv6": "0::/0", "from_port": 22, "to_port": 22, "ip_protocol": "tcp"}]},
	}}
	locs(r) == {
		["aws_security_group_rule.zeros", ["resource", "aws_security_group_rule", "zeros", 0, "ipv6_cidr_blocks"]],
		["aws_security_group_rule.short", ["resource", "aws_security_group_rule", "short", 0, "ipv6_cidr_blocks"]],
		["aws_security_group_rule.halves", ["resource", "aws_security_group_rule", "halves", 0, "cidr_blocks"]],
		["aws_vpc_security_group_ingress_rule.v6", ["resource", "aws_vpc_security_group_ingress_rule", "v6", 0, "cidr_ipv6"]],
	}
}

# dynamic "ingress" blocks: literal content values are checked; content
# that depends on the iterator is unknown.
test_dynamic_ingress_content if {
	r := deny with input as {"resource": {"aws_security_group": {"sg": [{"dynamic": {"ingress": [
		{"for_each": "${var.ports}", "content": [{"from_port": 22, "to_port": 22, "protocol": "tcp", "cidr_blocks": ["0.0.0.0/0"]}]},
		{"for_each": "${var.rules}", "content": [{"from_port": "${ingress.value.port}", "to_port": "${ingress.value.port}", "protocol": "tcp", "cidr_blocks": ["0.0.0.0/0"]}]},
		{"for_each": "${var.rules}", "content": [{"from_port": 22, "to_port": 22, "protocol": "tcp", "cidr_blocks": "${ingress.value.cidrs}"}]},
	]}}]}}}
	locs(r) == {["aws_security_group.sg", ["resource", "aws_security_group", "sg", 0, "dynamic", "ingress", 0, "content", 0, "cidr_blocks"]]}
}

# The same in Terraform JSON, where dynamic blocks and content are objects.
test_dynamic_ingress_json if {
	r := deny with input as {"resource": {"aws_security_group": {"sg": {"dynamic": {"ingress": {
		"for_each": "${var.ports}",
		"content": {"from_port": 22, "to_port": 22, "protocol": "tcp", "ipv6_cidr_blocks": ["::/0"]},
	}}}}}}
	locs(r) == {["aws_security_group.sg", ["resource", "aws_security_group", "sg", "dynamic", "ingress", "content", "ipv6_cidr_blocks"]]}
}
