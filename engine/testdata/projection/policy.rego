# Rules written the way conftest policies usually are, each reading a few
# paths of input: TestProjectionKeepsFindings evaluates them over every
# fixture of the built-in library with and without converting only those
# paths, and expects the same findings.
package main

import rego.v1

deny contains msg if {
	some name, blocks in input.resource.aws_s3_bucket
	some b in blocks
	b.acl in {"public-read", "public-read-write"}
	msg := sprintf("bucket %s is public", [name])
}

deny contains msg if {
	some name, blocks in input.resource.aws_security_group
	some b in blocks
	some rule in b.ingress
	"0.0.0.0/0" in rule.cidr_blocks
	msg := sprintf("security group %s is open", [name])
}

warn contains msg if {
	some name, blocks in input.module
	some b in blocks
	not contains(b.source, "?ref=")
	msg := sprintf("module %s is not pinned", [name])
}

warn contains "no required_version" if {
	input.terraform
	not input.terraform[0].required_version
}

pod_spec := input.spec.template.spec if input.kind in {"Deployment", "StatefulSet", "DaemonSet"}

pod_spec := input.spec if input.kind == "Pod"

deny contains msg if {
	some c in pod_spec.containers
	c.securityContext.privileged
	msg := sprintf("%s/%s: %s is privileged", [input.kind, object.get(input, ["metadata", "name"], "?"), c.name])
}

warn contains msg if {
	input.kind == "Service"
	input.spec.type == "LoadBalancer"
	msg := sprintf("service %s is public", [object.get(input, ["metadata", "name"], "?")])
}

deny contains msg if {
	some name, r in input.Resources
	r.Type == "AWS::S3::Bucket"
	not r.Properties.BucketEncryption
	msg := sprintf("%s has no encryption", [name])
}

deny contains msg if {
	some rc in input.resource_changes
	rc.type == "aws_s3_bucket"
	rc.change.after.acl == "public-read"
	msg := sprintf("%s is public", [rc.address])
}
