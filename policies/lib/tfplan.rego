# Helpers shared by the built-in Terraform plan rules. Input is a plan as
# `terraform show -json plan.out` writes it: input.resource_changes lists
# every resource instance with its address, type, mode and change
# ({actions, before, after, after_unknown}).
#
# Conventions the rules follow:
#   - resource: the instance address (module.m.aws_s3_bucket.b["k"]).
#   - paths point into input.resource_changes[i].change.after (planned
#     values) or .change.actions (what happens to the instance).
#   - values known only after apply are absent (or null) in after and true
#     in after_unknown; they never produce a finding, because the rules
#     compare literal planned values only.
package infragate.lib.tfplan

import data.infragate.lib.terraform as tf

# is_plan holds when input is a Terraform plan.
is_plan if is_array(input.resource_changes)

# of_type lists the managed instances of resource type t that the plan
# creates or updates (replacements included), each as {type, address,
# after, path}: its planned values and their path. A scan of
# resource_changes into an array; a set (or a rule over every change)
# would hash every planned value, which dominates on large plans.
#
# The types guard makes this rule look at two changes at once (the one of
# type t and the guard's), so the engine evaluates the built-in plan rules
# over the whole plan, not by slices (engine/elementwise.go). Without the
# guard each call scans every change: on a 100 MB plan that took 44 s by
# slices against 8.7 s whole (docs/performance.md).
of_type(t) := [r |
		some i, rc in input.resource_changes
		rc.type == t
		object.get(rc, "mode", "managed") == "managed"
		creates_or_updates(rc.change.actions)
		is_object(rc.change.after)
		r := {
			"type": t,
			"address": rc.address,
			"after": rc.change.after,
			"path": ["resource_changes", i, "change", "after"],
		}
]

# types are the resource types the plan changes: rules ask for a few
# types, so most of_type calls return at once.
types := {rc.type | is_plan; some rc in input.resource_changes}

creates_or_updates(actions) if "create" in actions

creates_or_updates(actions) if "update" in actions

# attr_path is the path of a planned attribute.
attr_path(r, attr) := array.concat(r.path, [attr])

# deletes lists the managed instances the plan destroys, alone or as part
# of a replacement: {type, address, replace, path}.
deletes contains d if {
	is_plan
	some i, rc in input.resource_changes
	"delete" in rc.change.actions
	object.get(rc, "mode", "managed") == "managed"
	d := {
		"type": rc.type,
		"address": rc.address,
		"replace": "create" in rc.change.actions,
		"path": ["resource_changes", i, "change", "actions"],
	}
}

# ---- security groups ----

# ingress_rules lists planned AWS ingress rules that admit an open CIDR, in
# the record shape of data.infragate.lib.terraform.ingress_rules, so its
# ingress_all_ports and ingress_opens_port apply.
ingress_rules contains x if {
	some r in of_type("aws_security_group")
	some j, ing in r.after.ingress
	some attr in ["cidr_blocks", "ipv6_cidr_blocks"]
	tf.has_open_cidr(ing[attr])
	x := {
		"protocol": object.get(ing, "protocol", null),
		"from": object.get(ing, "from_port", null),
		"to": object.get(ing, "to_port", null),
		"resource": r.address,
		"path": array.concat(r.path, ["ingress", j, attr]),
	}
}

ingress_rules contains x if {
	some r in of_type("aws_security_group_rule")
	r.after.type == "ingress"
	some attr in ["cidr_blocks", "ipv6_cidr_blocks"]
	tf.has_open_cidr(r.after[attr])
	x := {
		"protocol": object.get(r.after, "protocol", null),
		"from": object.get(r.after, "from_port", null),
		"to": object.get(r.after, "to_port", null),
		"resource": r.address,
		"path": attr_path(r, attr),
	}
}

ingress_rules contains x if {
	some r in of_type("aws_vpc_security_group_ingress_rule")
	some attr in ["cidr_ipv4", "cidr_ipv6"]
	tf.open_cidr(r.after[attr])
	x := {
		"protocol": object.get(r.after, "ip_protocol", null),
		"from": object.get(r.after, "from_port", null),
		"to": object.get(r.after, "to_port", null),
		"resource": r.address,
		"path": attr_path(r, attr),
	}
}

# ---- IAM ----

iam_policy_attributes := {
	"aws_iam_policy": "policy",
	"aws_iam_role_policy": "policy",
	"aws_iam_user_policy": "policy",
	"aws_iam_group_policy": "policy",
	"aws_ssoadmin_permission_set_inline_policy": "inline_policy",
}

# policy_documents lists the planned IAM policy documents (JSON strings the
# plan knows) as {resource, path, statements}. Unlike HCL, a planned
# string is literal, so IAM policy variables such as ${aws:username} do not
# make it unknown.
policy_documents contains d if {
	some type, attr in iam_policy_attributes
	some r in of_type(type)
	stmts := statements(r.after[attr])
	d := {"resource": r.address, "path": attr_path(r, attr), "statements": stmts}
}

policy_documents contains d if {
	some r in of_type("aws_iam_role")
	some j, p in r.after.inline_policy
	stmts := statements(p.policy)
	d := {"resource": r.address, "path": array.concat(r.path, ["inline_policy", j, "policy"]), "statements": stmts}
}

statements(doc) := tf.as_list(parsed.Statement) if {
	is_string(doc)
	json.is_valid(doc)
	parsed := json.unmarshal(doc)
}
