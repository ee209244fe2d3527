package infragate.rules.terraform.aws.s3_public_acl_test

import data.infragate.lib.terraform_test.locs
import data.infragate.rules.terraform.aws.s3_public_acl.deny

test_inline_public_acl if {
	r := deny with input as {"resource": {"aws_s3_bucket": {"b": [{"bucket": "x", "acl": "public-read"}]}}}
	locs(r) == {["aws_s3_bucket.b", ["resource", "aws_s3_bucket", "b", 0, "acl"]]}
	some f in r
	contains(f.msg, "public-read")
}

test_split_public_acl if {
	r := deny with input as {"resource": {"aws_s3_bucket_acl": {"a": [{"bucket": "${aws_s3_bucket.b.id}", "acl": "public-read-write"}]}}}
	locs(r) == {["aws_s3_bucket_acl.a", ["resource", "aws_s3_bucket_acl", "a", 0, "acl"]]}
}

test_grant_all_users if {
	r := deny with input as {"resource": {"aws_s3_bucket_acl": {"a": [{"access_control_policy": [{
		"grant": [
			{"grantee": [{"type": "CanonicalUser", "id": "abc"}], "permission": "FULL_CONTROL"},
			{"grantee": [{"type": "Group", "uri": "http://acs.amazonaws.com/groups/global/AllUsers"}], "permission": "READ"},
		],
		"owner": [{"id": "abc"}],
	}]}]}}}
	locs(r) == {["aws_s3_bucket_acl.a", ["resource", "aws_s3_bucket_acl", "a", 0, "access_control_policy", 0, "grant", 1, "grantee", 0, "uri"]]}
}

test_inline_grant if {
	r := deny with input as {"resource": {"aws_s3_bucket": {"b": [{"grant": [{"type": "Group", "uri": "http://acs.amazonaws.com/groups/global/AuthenticatedUsers", "permissions": ["READ"]}]}]}}}
	locs(r) == {["aws_s3_bucket.b", ["resource", "aws_s3_bucket", "b", 0, "grant", 0, "uri"]]}
}

test_private_acl if {
	count(deny) == 0 with input as {"resource": {
		"aws_s3_bucket": {"b": [{"acl": "private"}]},
		"aws_s3_bucket_acl": {"a": [{"acl": "log-delivery-write"}]},
	}}
}

test_unknown_acl if {
	count(deny) == 0 with input as {"resource": {"aws_s3_bucket_acl": {"a": [{"acl": "${var.acl}"}]}}}
}

# Terraform JSON (*.tf.json): one object per resource and per nested block,
# "//" comment keys; one finding on the attribute.
test_json_shape if {
	r := deny with input as {"resource": {
		"aws_s3_bucket": {"b": {"//": {"metadata": {"path": "stack/b"}}, "acl": "public-read", "grant": {"uri": "http://acs.amazonaws.com/groups/global/AllUsers"}}},
		"aws_s3_bucket_acl": {"a": [{"acl": "public-read-write"}]},
	}}
	locs(r) == {
		["aws_s3_bucket.b", ["resource", "aws_s3_bucket", "b", "acl"]],
		["aws_s3_bucket.b", ["resource", "aws_s3_bucket", "b", "grant", "uri"]],
		["aws_s3_bucket_acl.a", ["resource", "aws_s3_bucket_acl", "a", 0, "acl"]],
	}
}
