# METADATA
# title: Security group allows a database port from the internet
# description: >-
#   Database and cache ports (MySQL 3306, PostgreSQL 5432, SQL Server 1433, Oracle 1521, Redis 6379, MongoDB 27017, Elasticsearch 9200/9300, Redshift 5439, Memcached 11211, Cassandra 9042, CouchDB 5984) must not be reachable from the whole internet. Checked in inline ingress blocks of aws_security_group,
#   aws_security_group_rule (type ingress) and
#   aws_vpc_security_group_ingress_rule, for 0.0.0.0/0 and ::/0.
# related_resources:
#   - ref: https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/vpc_security_group_ingress_rule
#   - ref: https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html
# custom:
#   id: IG-AWS-SG-004
#   severity: high
#   remediation: |
#     Allow only the application tier (a security group) or a private range;
#     databases belong in private subnets:
#       resource "aws_vpc_security_group_ingress_rule" "admin" {
#         security_group_id = aws_security_group.app.id
#         cidr_ipv4         = "10.20.0.0/16"
#         ip_protocol       = "tcp"
#         from_port         = 5432
#         to_port           = 5432
#       }
package infragate.rules.terraform.aws.sg_open_database

import data.infragate.lib.terraform as tf

database_ports := {
	3306: "MySQL",
	5432: "PostgreSQL",
	1433: "SQL Server",
	1521: "Oracle",
	6379: "Redis",
	27017: "MongoDB",
	9200: "Elasticsearch",
	9300: "Elasticsearch",
	5439: "Redshift",
	11211: "Memcached",
	9042: "Cassandra",
	5984: "CouchDB",
}

deny contains {"msg": msg, "path": r.path, "resource": r.resource} if {
	some r in tf.ingress_rules
	ports := [sprintf("%s %d", [database_ports[p], p]) | some p, _ in database_ports; tf.ingress_opens_port(r, p)]
	count(ports) > 0
	msg := sprintf("%s: ingress allows database ports (%s) from the internet", [r.resource, concat(", ", sort(ports))])
}
