package infragate.rules.terraform.aws.sg_open_database_test

import data.infragate.lib.terraform_test.locs
import data.infragate.rules.terraform.aws.sg_open_database.deny

test_postgres_inline if {
	r := deny with input as {"resource": {"aws_security_group": {"db": [{"ingress": [{"from_port": 5432, "to_port": 5432, "protocol": "tcp", "cidr_blocks": ["0.0.0.0/0"]}]}]}}}
	locs(r) == {["aws_security_group.db", ["resource", "aws_security_group", "db", 0, "ingress", 0, "cidr_blocks"]]}
	some f in r
	contains(f.msg, "PostgreSQL 5432")
}

test_range_covers_several if {
	r := deny with input as {"resource": {"aws_vpc_security_group_ingress_rule": {"r": [{"cidr_ipv4": "0.0.0.0/0", "from_port": 6000, "to_port": 7000, "ip_protocol": "tcp"}]}}}
	locs(r) == {["aws_vpc_security_group_ingress_rule.r", ["resource", "aws_vpc_security_group_ingress_rule", "r", 0, "cidr_ipv4"]]}
	some f in r
	contains(f.msg, "Redis 6379")
}

test_compliant if {
	count(deny) == 0 with input as {"resource": {
		"aws_security_group": {"db": [{"ingress": [{"from_port": 3306, "to_port": 3306, "protocol": "tcp", "security_groups": ["${aws_security_group.app.id}"]}]}]},
		"aws_security_group_rule": {"r": [{"type": "ingress", "from_port": 5432, "to_port": 5432, "protocol": "tcp", "cidr_blocks": ["10.0.0.0/16"]}]},
	}}
}

test_unknown if {
	count(deny) == 0 with input as {"resource": {"aws_security_group_rule": {"r": [{"type": "ingress", "from_port": "${var.db_port}", "to_port": "${var.db_port}", "protocol": "tcp", "cidr_blocks": ["0.0.0.0/0"]}]}}}
}
