# Test helpers shared by the Terraform plan rule tests, and tests of the
# helpers.
package infragate.lib.tfplan_test

import data.infragate.lib.tfplan

# locs reduces a rule's results to (resource, path) pairs for comparisons.
locs(results) := {[r.resource, r.path] | some r in results}

# change builds one resource_changes entry.
change(type, name, actions, after) := {
	"address": sprintf("%s.%s", [type, name]),
	"mode": "managed",
	"type": type,
	"name": name,
	"change": {"actions": actions, "before": null, "after": after, "after_unknown": {}},
}

# unknown_change builds an entry whose listed attributes are known only after apply.
unknown_change(type, name, attrs) := {
	"address": sprintf("%s.%s", [type, name]),
	"mode": "managed",
	"type": type,
	"name": name,
	"change": {"actions": ["create"], "before": null, "after": {}, "after_unknown": {a: true | some a in attrs}},
}

# plan wraps changes into a plan document.
plan(changes) := {"format_version": "1.2", "resource_changes": changes}

test_planned_skips_deletes_and_data if {
	p := plan([
		change("aws_s3_bucket", "a", ["create"], {"bucket": "a"}),
		change("aws_s3_bucket", "b", ["delete"], null),
		object.union(change("aws_iam_policy_document", "d", ["read"], {}), {"mode": "data"}),
		change("aws_s3_bucket", "c", ["no-op"], {"bucket": "c"}),
		change("aws_s3_bucket", "e", ["delete", "create"], {"bucket": "e"}),
	])
	[r.address | some r in tfplan.of_type("aws_s3_bucket")] == ["aws_s3_bucket.a", "aws_s3_bucket.e"] with input as p
	{[d.address, d.replace] | some d in tfplan.deletes} == {["aws_s3_bucket.b", false], ["aws_s3_bucket.e", true]} with input as p
}

test_not_a_plan if {
	count(tfplan.of_type("aws_s3_bucket")) == 0 with input as {"resource": {"aws_s3_bucket": {"a": [{"acl": "public-read"}]}}}
}

test_statements if {
	tfplan.statements(`{"Statement":{"Effect":"Allow","Action":"*","Resource":"arn:aws:s3:::b/${aws:username}"}}`) == [{"Effect": "Allow", "Action": "*", "Resource": "arn:aws:s3:::b/${aws:username}"}]
	not tfplan.statements("not json")
	not tfplan.statements(null)
}
