# Self-written conftest-style rules for BenchmarkLocate (string results only).
package main

import rego.v1

open_acls := {"public-read", "public-read-write", "authenticated-read"}

deny contains msg if {
	some name, blocks in input.resource.aws_s3_bucket
	some b in blocks
	b.acl in open_acls
	msg := sprintf("aws_s3_bucket.%s: ACL %s is public", [name, b.acl])
}

deny contains msg if {
	some name, blocks in input.resource.aws_security_group
	some sg in blocks
	some rule in sg.ingress
	"0.0.0.0/0" in rule.cidr_blocks
	rule.from_port <= 22
	rule.to_port >= 22
	msg := sprintf("aws_security_group.%s: SSH open to the world", [name])
}

deny contains msg if {
	some name, blocks in input.resource.aws_db_instance
	some db in blocks
	not db.storage_encrypted == true
	msg := sprintf("aws_db_instance.%s: storage not encrypted", [name])
}

warn contains msg if {
	some name, blocks in input.resource.aws_instance
	some vm in blocks
	not vm.tags
	msg := sprintf("aws_instance.%s: no tags", [name])
}
