# Test helpers shared by the Terraform rule tests, and tests of the helpers.
package infragate.lib.terraform_test

import data.infragate.lib.terraform as tf

# locs reduces a rule's results to (resource, path) pairs for comparisons.
locs(results) := {[r.resource, r.path] | some r in results}

test_open_cidr if {
	tf.has_open_cidr(["10.0.0.0/8", "0.0.0.0/0"])
	tf.has_open_cidr(["::/0"])
	not tf.has_open_cidr(["10.0.0.0/8"])
	not tf.has_open_cidr("${var.cidrs}")
}

test_port_number if {
	tf.port_number(22) == 22
	tf.port_number("22") == 22
	not tf.port_number("${var.port}")
}

test_port_range if {
	tf.port_range_covers(0, 1024, 22)
	not tf.port_range_covers(80, 443, 22)
	not tf.port_range_covers("${var.from}", 443, 22)
	tf.full_port_range(0, 65535)
	not tf.full_port_range(0, 1024)
}

test_as_list if {
	tf.as_list("*") == ["*"]
	tf.as_list(["a", "b"]) == ["a", "b"]
}

test_json_statements if {
	tf.json_statements(`{"Statement": {"Effect": "Allow", "Action": "*"}}`) == [{"Effect": "Allow", "Action": "*"}]
	count(tf.json_statements(`{"Statement": [{"Effect": "Allow"}, {"Effect": "Deny"}]}`)) == 2
	not tf.json_statements(`{"Statement": [${local.s}]}`)
	not tf.json_statements("not json")
}

test_principal_is_public if {
	tf.principal_is_public("*")
	tf.principal_is_public({"AWS": "*"})
	tf.principal_is_public({"AWS": ["arn:aws:iam::1:root", "*"]})
	not tf.principal_is_public({"AWS": "arn:aws:iam::1:root"})
	not tf.principal_is_public({"Service": "lambda.amazonaws.com"})
}

test_bucket_referenced if {
	inp := {"resource": {
		"aws_s3_bucket": {"b": [{"bucket": "logs"}], "c": [{}]},
		"aws_s3_bucket_versioning": {
			"v": [{"bucket": "${aws_s3_bucket.b.id}"}],
			"w": [{"bucket": "logs"}],
		},
	}}
	tf.bucket_referenced("aws_s3_bucket_versioning", "b") with input as inp
	not tf.bucket_referenced("aws_s3_bucket_versioning", "c") with input as inp
}

test_bucket_referenced_by_literal_name if {
	inp := {"resource": {
		"aws_s3_bucket": {"b": [{"bucket": "logs"}]},
		"aws_s3_bucket_versioning": {"w": [{"bucket": "logs"}]},
	}}
	tf.bucket_referenced("aws_s3_bucket_versioning", "b") with input as inp
}

test_bools if {
	tf.is_true(true)
	tf.is_true("true")
	tf.is_false(false)
	tf.is_false("false")
	not tf.is_false("${var.x}")
}

test_has_block if {
	tf.has_block({"versioning": [{"enabled": true}]}, "versioning")
	tf.has_block({"dynamic": {"versioning": [{"content": [{}]}]}}, "versioning")
	not tf.has_block({"logging": []}, "versioning")
}

test_gcp_allows_port if {
	tf.gcp_allows_port({"protocol": "tcp", "ports": ["80", "20-30"]}, {"tcp"}, 22)
	tf.gcp_allows_port({"protocol": "all"}, {"tcp", "all"}, 3389)
	tf.gcp_allows_port({"protocol": "TCP", "ports": [22]}, {"tcp"}, 22)
	not tf.gcp_allows_port({"protocol": "tcp", "ports": ["80", "443"]}, {"tcp"}, 22)
	not tf.gcp_allows_port({"protocol": "icmp"}, {"tcp", "all"}, 22)
	not tf.gcp_allows_port({"protocol": "tcp", "ports": ["${var.port}"]}, {"tcp"}, 22)
}

test_nsg_allows_port if {
	tf.nsg_allows_port({"protocol": "Tcp", "destination_port_range": "22"}, {"tcp", "*"}, 22)
	tf.nsg_allows_port({"protocol": "*", "destination_port_range": "*"}, {"tcp", "*"}, 22)
	tf.nsg_allows_port({"protocol": "Tcp", "destination_port_ranges": ["80", "3000-4000"]}, {"tcp", "*"}, 3389)
	not tf.nsg_allows_port({"protocol": "Tcp", "destination_port_range": "443"}, {"tcp", "*"}, 22)
	not tf.nsg_allows_port({"protocol": "Icmp", "destination_port_range": "*"}, {"tcp", "*"}, 22)
	not tf.nsg_allows_port({"protocol": "Tcp", "destination_port_range": "${var.port}"}, {"tcp", "*"}, 22)
}

test_nsg_both_port_attributes if {
	tf.nsg_allows_port({"protocol": "Tcp", "destination_port_range": "", "destination_port_ranges": ["22"]}, {"tcp"}, 22)
}

test_is_config if {
	tf.is_config with input as {"resource": {"aws_s3_bucket": {"b": [{}]}}}
	tf.is_config with input as {"data": {"aws_iam_policy_document": {}}}
	not tf.is_config with input as {"name": "app", "version": "1.0.0"}
	not tf.is_config with input as {"resource": []}
	not tf.is_config with input as [1, 2]
}

# Terraform JSON: a resource is one object (or an array of objects), and
# "//" keys are comments.
test_resources_both_shapes if {
	inp := {"resource": {"aws_s3_bucket": {
		"hcl": [{"acl": "private"}],
		"obj": {"//": "a comment", "acl": "public-read"},
		"arr": [{"acl": "a"}, {"acl": "b"}],
		"//": "a comment",
	}}}
	rs := {[r.address, r.path, r.body.acl] | some r in tf.resources.aws_s3_bucket} with input as inp
	rs == {
		["aws_s3_bucket.hcl", ["resource", "aws_s3_bucket", "hcl", 0], "private"],
		["aws_s3_bucket.obj", ["resource", "aws_s3_bucket", "obj"], "public-read"],
		["aws_s3_bucket.arr", ["resource", "aws_s3_bucket", "arr", 0], "a"],
		["aws_s3_bucket.arr", ["resource", "aws_s3_bucket", "arr", 1], "b"],
	}
}

test_data_sources_json if {
	ds := tf.data_sources.aws_iam_policy_document with input as {"data": {"aws_iam_policy_document": {"d": {"statement": {"actions": ["*"]}}}}}
	[d.address | some d in ds] == ["data.aws_iam_policy_document.d"]
	some d in ds
	[s.path | some s in tf.blocks(d, "statement")] == [["data", "aws_iam_policy_document", "d", "statement"]]
}

test_blocks_both_shapes if {
	r := {"body": {"ingress": {"from_port": 22}, "egress": [{"to_port": 1}, {"to_port": 2}], "tags": "${var.t}"}, "path": ["resource", "t", "n"]}
	tf.blocks(r, "ingress") == [{"body": {"from_port": 22}, "path": ["resource", "t", "n", "ingress"]}]
	[b.path | some b in tf.blocks(r, "egress")] == [["resource", "t", "n", "egress", 0], ["resource", "t", "n", "egress", 1]]
	tf.blocks(r, "tags") == []
	tf.blocks(r, "missing") == []
}

test_is_config_json if {
	tf.is_config with input as {"//": {"metadata": {}}, "resource": {"aws_s3_bucket": {"b": {"acl": "private"}}}}
	not tf.is_config with input as {"name": "package.json"}
}

# Terraform JSON's ordered form: every label level (resource, type, name)
# can be an array of objects, a type or a name occurring in several.
test_resources_ordered_labels if {
	inp := {"resource": [
		{"aws_s3_bucket": {"a": {"acl": "private"}}},
		{"aws_s3_bucket": [{"b": [{"acl": "x"}, {"acl": "y"}]}, {"//": "a comment", "a": {"acl": "again"}}]},
		{"aws_instance": {"i": null}},
	]}
	rs := [[r.address, r.path, r.body.acl] | some r in tf.resources.aws_s3_bucket] with input as inp
	rs == [
		["aws_s3_bucket.a", ["resource", 0, "aws_s3_bucket", "a"], "private"],
		["aws_s3_bucket.b", ["resource", 1, "aws_s3_bucket", 0, "b", 0], "x"],
		["aws_s3_bucket.b", ["resource", 1, "aws_s3_bucket", 0, "b", 1], "y"],
		["aws_s3_bucket.a", ["resource", 1, "aws_s3_bucket", 1, "a"], "again"],
	]
	count(object.get(tf.resources, "aws_instance", [])) == 0 with input as inp
	tf.is_config with input as inp
}

test_resources_type_array if {
	inp := {"resource": {"aws_s3_bucket": [{"a": {"acl": "private"}}, {"b": {"acl": "x"}}]}}
	rs := [[r.address, r.path] | some r in tf.resources.aws_s3_bucket] with input as inp
	rs == [
		["aws_s3_bucket.a", ["resource", "aws_s3_bucket", 0, "a"]],
		["aws_s3_bucket.b", ["resource", "aws_s3_bucket", 1, "b"]],
	]
}

test_data_sources_ordered if {
	inp := {"data": [{"aws_iam_policy_document": {"d": {"statement": [{"actions": ["*"]}]}}}]}
	ds := tf.data_sources.aws_iam_policy_document with input as inp
	[d.address | some d in ds] == ["data.aws_iam_policy_document.d"]
	tf.is_config with input as inp
}

test_dynamic_ordered if {
	r := {"path": ["resource", "t", "n"], "body": {"dynamic": [
		{"ingress": {"for_each": "${var.x}", "content": {"from_port": 22}}},
		{"egress": {"content": {"to_port": 1}}},
		{"ingress": [{"content": [{"from_port": 80}]}]},
	]}}
	[[c.path, c.body.from_port] | some c in tf.dynamic_contents(r, "ingress")] == [
		[["resource", "t", "n", "dynamic", 0, "ingress", "content"], 22],
		[["resource", "t", "n", "dynamic", 2, "ingress", 0, "content", 0], 80],
	]
	tf.dynamic_contents({"path": [], "body": {"dynamic": null}}, "ingress") == []
}

# null and [] declare no block.
test_has_block_json if {
	tf.has_block({"logging": {"target_bucket": "b"}}, "logging")
	tf.has_block({"logging": [{}]}, "logging")
	not tf.has_block({"logging": []}, "logging")
	not tf.has_block({"logging": null}, "logging")
	not tf.has_block({}, "logging")
	tf.has_block({"dynamic": {"logging": {"content": {}}}}, "logging")
	tf.has_block({"dynamic": [{"versioning": {}}, {"logging": {"content": {}}}]}, "logging")
	not tf.has_block({"dynamic": [{"logging": null}]}, "logging")
}

test_buckets_named if {
	inp := {"resource": {"aws_s3_bucket": {"b": [{"bucket": "logs"}], "c": [{"bucket": "logs"}], "d": [{}]}}}
	tf.buckets_named("${aws_s3_bucket.b.id}") == {"b"} with input as inp
	tf.buckets_named("${aws_s3_bucket.b.arn}/${aws_s3_bucket.x.id}") == {"b", "x"} with input as inp
	tf.buckets_named("logs") == {"b", "c"} with input as inp
	tf.buckets_named("${var.logs}") == set() with input as inp
	tf.buckets_named("aws_s3_bucket.") == set() with input as inp
	tf.buckets_named(7) == set() with input as inp
	tf.refers_to_bucket("${aws_s3_bucket.d.id}", "d") with input as inp
	not tf.refers_to_bucket("${aws_s3_bucket.dd.id}", "d") with input as inp
}
