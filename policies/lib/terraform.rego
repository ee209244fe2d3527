# Helpers shared by the built-in Terraform rules. Inputs are in conftest's
# HCL shape: input.resource.<type>.<name> is an array of bodies, nested
# blocks are arrays of objects, and every non-literal expression is a
# "${...}" string (see values.is_unknown). Terraform's JSON syntax
# (*.tf.json, read as JSON) keeps its own shape, HCL's JSON mapping: the
# label levels of a block type (resource, its type, its name; a dynamic
# block's name) are each an object or an array of objects (the ordered
# form, where a type or name can occur in several elements),
# a block is one object or an array of objects (several blocks with the
# same labels; null or [] is none), and "//" keys are comments. Rules read
# resources and blocks through resources[type], data_sources[type],
# blocks, dynamic_contents and has_block, which accept every shape and
# give each body with its path.
package infragate.lib.terraform

import data.infragate.lib.network
import data.infragate.lib.values

# is_config holds for a Terraform configuration: every rule reads its
# resources, data sources or providers (input.resource, input.data,
# input.provider), which are objects, or arrays of objects in Terraform
# JSON. It is the guard of the
# Terraform rules (policies.Guard), so that other JSON documents are not
# run through them.
is_config if is_object(input.resource)

is_config if is_object(input.data)

is_config if is_object(input.provider)

is_config if {
	is_array(input.provider)
	some x in input.provider
	is_object(x)
}

is_config if {
	is_array(input.resource)
	some x in input.resource
	is_object(x)
}

is_config if {
	is_array(input.data)
	some x in input.data
	is_object(x)
}

# resources maps each resource type of the file to its records, one per
# body: {"name", "address", "body", "path"}, path being the body's path in
# the document (["resource", type, name, 0] in HCL, ["resource", type, name]
# for a Terraform JSON object). It is one value per document, so that a
# rule's lookup of a type the file does not have (most of them) costs a
# map lookup; arrays, not sets, which would hash every body. An object
# root and an object under "resource" (HCL, and nearly every .tf.json) map
# their types directly; the ordered forms go through ordered_records.
resources := {type: records |
	some type, named in input.resource
	type != "//"
	records := array.concat(
		array.concat(
			[r |
				some name, v in named
				is_array(v)
				some i, body in v
				is_object(body)
				r := {"name": name, "address": address(type, name), "body": body, "path": ["resource", type, name, i]}
			],
			[r |
				some name, body in named
				is_object(body)
				is_string(name)
				name != "//"
				r := {"name": name, "address": address(type, name), "body": body, "path": ["resource", type, name]}
			],
		),
		[r |
			# a type that is an array of objects by name
			is_array(named)
			some r in named_records("resource", type, named, ["resource", type])
		],
	)
} if is_object(input.resource)

resources := ordered_records("resource", input.resource) if is_array(input.resource)

# data_sources is resources for data sources.
data_sources := {type: records |
	some type, named in input.data
	type != "//"
	records := array.concat(
		array.concat(
			[r |
				some name, v in named
				is_array(v)
				some i, body in v
				is_object(body)
				r := {"name": name, "address": data_address(type, name), "body": body, "path": ["data", type, name, i]}
			],
			[r |
				some name, body in named
				is_object(body)
				is_string(name)
				name != "//"
				r := {"name": name, "address": data_address(type, name), "body": body, "path": ["data", type, name]}
			],
		),
		[r |
			# a type that is an array of objects by name
			is_array(named)
			some r in named_records("data", type, named, ["data", type])
		],
	)
} if is_object(input.data)

data_sources := ordered_records("data", input.data) if is_array(input.data)

# named_records lists the records of one block type's names, an object by
# name or an array of such objects, p being its path.
named_records(kind, type, named, p) := [r |
	some [name, v, np] in label_entries(named, p)
	some [sub, body] in bodies(v)
	r := {"name": name, "address": kind_address(kind, type, name), "body": body, "path": array.concat(np, sub)}
]

kind_address("resource", type, name) := address(type, name)

kind_address("data", type, name) := data_address(type, name)

# ordered_records is resources (kind "resource") or data_sources (kind
# "data") of a document whose kind is an array of objects (v): a type can
# then occur more than once, and its records are gathered in document
# order. (v is passed in: input[kind] would make the engine convert the
# whole document, engine/projection.go.)
ordered_records(kind, v) := {type: [r | some [t, r] in found; t == type] |
	some [type, _] in found
} if {
	found := [[type, r] |
		some [type, named, p] in label_entries(v, [kind])
		some r in named_records(kind, type, named, p)
	]
}

# label_entries lists the [label, value, path] of one label level: an
# object by label, or an array of such objects (HCL's JSON mapping allows
# either at every label level). "//" keys are comments.
label_entries(v, p) := [[k, x, array.concat(p, [k])] | some k, x in v; k != "//"] if is_object(v)

label_entries(v, p) := [[k, x, array.concat(p, [i, k])] |
	some i, o in v
	is_object(o)
	some k, x in o
	k != "//"
] if is_array(v)

# blocks(parent, name) lists the nested blocks `name` of a record with a
# body and a path (a resource, or a block): {"body", "path"} each.
blocks(parent, name) := [blk |
	some [sub, body] in bodies(parent.body[name])
	blk := {"body": body, "path": array.concat(array.concat(parent.path, [name]), sub)}
]

# dynamic_contents(parent, name) lists the content blocks of the dynamic
# blocks `name` of a record (dynamic "ingress" { for_each = ...; content {
# ... } }), in the record shape of blocks. A content value that depends on
# the iterator (ingress.value.port) is a "${...}" string: unknown, never a
# finding; literal values are judged like those of a block. In Terraform
# JSON, "dynamic" is a label level: an object by name or an array of them.
dynamic_contents(parent, name) := dynamic_in(object.get(parent.body, "dynamic", {}), array.concat(parent.path, ["dynamic"]), name)

dynamic_in(d, p, name) := [c |
	some blk in blocks({"body": d, "path": p}, name)
	some c in blocks(blk, "content")
] if is_object(d)

dynamic_in(d, p, name) := [c |
	some [label, v, lp] in label_entries(d, p)
	label == name
	some [sub, body] in bodies(v)
	some c in blocks({"body": body, "path": array.concat(lp, sub)}, "content")
] if is_array(d)

dynamic_in(d, _, _) := [] if {
	not is_object(d)
	not is_array(d)
}

# bodies lists the [path suffix, body] pairs of a block value: an array of
# bodies (HCL; Terraform JSON's array form) or a single body (a JSON
# object).
bodies(v) := [[[i], b] | some i, b in v; is_object(b)] if is_array(v)

bodies(v) := [[[], v]] if is_object(v)

# address is the Terraform address of a resource.
address(type, name) := sprintf("%s.%s", [type, name])

# data_address is the Terraform address of a data source.
data_address(type, name) := sprintf("data.%s.%s", [type, name])

# known holds for values a static read can judge: present and not "${...}".
known(v) if not values.is_unknown(v)

# is_true / is_false hold for the literal booleans (and their string forms,
# which HCL accepts for bool arguments).
is_true(v) if v == true

is_true(v) if v == "true"

is_false(v) if v == false

is_false(v) if v == "false"

# as_list turns a string-or-array value (IAM Action, Resource) into an array.
as_list(v) := v if is_array(v)

as_list(v) := [v] if not is_array(v)

# providers lists the configurations of the provider `name` (one per
# provider block, aliases included) as {"address", "body", "path"}.
providers(name) := [p |
	some [n, v, np] in label_entries(input.provider, ["provider"])
	n == name
	some [sub, body] in bodies(v)
	p := {"address": sprintf("provider.%s", [name]), "body": body, "path": array.concat(np, sub)}
]

# hardcoded holds for a secret written into the configuration: a
# non-blank literal string (not "${var.x}" or another expression).
hardcoded(v) if {
	is_string(v)
	trim_space(v) != ""
	known(v)
}

# has_block holds when a body declares the nested block `name`, literally or
# as a dynamic block (whose content a static read cannot expand).
# In Terraform JSON, null and [] are no block, and "dynamic" can be an
# array of objects by name.
has_block(body, name) if some_block(body[name])

has_block(body, name) if some_block(body.dynamic[name])

has_block(body, name) if {
	is_array(body.dynamic)
	some d in body.dynamic
	some_block(d[name])
}

some_block(v) if {
	not v in {null, false, []}
}

# ---- networks ----

# open_cidr holds for a CIDR that admits the whole IPv4 or IPv6 internet,
# however spelled (network.open_cidr: ::0/0, 0.0.0.0/1 and 128.0.0.0/1).
open_cidr(c) if network.open_cidr(c)

# has_open_cidr holds for a literal list that contains an open CIDR.
has_open_cidr(list) if {
	is_array(list)
	some c in list
	open_cidr(c)
}

# port_number turns a literal port (number or numeric string) into a number.
port_number(p) := p if is_number(p)

port_number(p) := to_number(p) if {
	is_string(p)
	regex.match(`^-?[0-9]+$`, p)
}

# all_protocols holds for the "every protocol" values of AWS security groups.
all_protocols(p) if p in {"-1", -1, "all"}

# port_range_covers holds when a known from..to range includes port.
port_range_covers(from, to, port) if {
	port_number(from) <= port
	port_number(to) >= port
}

# full_port_range holds for a known range covering every port.
full_port_range(from, to) if {
	port_number(from) <= 1
	port_number(to) >= 65535
}

# ingress_rules lists every AWS ingress rule that admits an open CIDR, from
# the three ways to write one: inline ingress blocks of aws_security_group
# (also the content of dynamic "ingress" blocks),
# aws_security_group_rule of type ingress, and
# aws_vpc_security_group_ingress_rule. Each entry carries the rule's
# protocol and ports (possibly missing or unknown), the Terraform address and
# the path of the attribute that holds the open CIDR.
ingress_rules contains r if {
	some sg in resources.aws_security_group
	some ing in array.concat(blocks(sg, "ingress"), dynamic_contents(sg, "ingress"))
	some attr in ["cidr_blocks", "ipv6_cidr_blocks"]
	has_open_cidr(ing.body[attr])
	r := {
		"protocol": object.get(ing.body, "protocol", null),
		"from": object.get(ing.body, "from_port", null),
		"to": object.get(ing.body, "to_port", null),
		"resource": sg.address,
		"path": array.concat(ing.path, [attr]),
	}
}

ingress_rules contains r if {
	some res in resources.aws_security_group_rule
	b := res.body
	b.type == "ingress"
	some attr in ["cidr_blocks", "ipv6_cidr_blocks"]
	has_open_cidr(b[attr])
	r := {
		"protocol": object.get(b, "protocol", null),
		"from": object.get(b, "from_port", null),
		"to": object.get(b, "to_port", null),
		"resource": res.address,
		"path": array.concat(res.path, [attr]),
	}
}

ingress_rules contains r if {
	some res in resources.aws_vpc_security_group_ingress_rule
	b := res.body
	some attr in ["cidr_ipv4", "cidr_ipv6"]
	open_cidr(b[attr])
	r := {
		"protocol": object.get(b, "ip_protocol", null),
		"from": object.get(b, "from_port", null),
		"to": object.get(b, "to_port", null),
		"resource": res.address,
		"path": array.concat(res.path, [attr]),
	}
}

# ingress_all_ports holds for a rule that opens every port (protocol "-1"
# or the full 0-65535 range).
ingress_all_ports(r) if all_protocols(r.protocol)

ingress_all_ports(r) if {
	not all_protocols(r.protocol)
	known(r.protocol)
	full_port_range(r.from, r.to)
}

# ingress_opens_port holds for a rule that opens port on TCP or UDP without
# opening every port (those are reported by the all-ports rule).
ingress_opens_port(r, port) if {
	not ingress_all_ports(r)
	normalized_protocol(r.protocol) in {"tcp", "udp", "6", "17", 6, 17}
	port_range_covers(r.from, r.to, port)
}

normalized_protocol(p) := lower(p) if is_string(p)

normalized_protocol(p) := p if not is_string(p)

# ---- S3 ----

# bucket_referenced holds when a split S3 resource of type t in this file
# names bucket `name` (by reference, or by the bucket's literal name).
bucket_referenced(t, name) if name in referenced_buckets[t]

# referenced_buckets maps each resource type of this file to the names of
# the buckets its resources name in `bucket`. It is built once per
# document (a rule, not a function), so that a file of many buckets costs
# linear time: asking each bucket about each resource was quadratic, and a
# file of 1,000 buckets ran past the evaluation deadline.
referenced_buckets[t] := names if {
	some t, rs in resources
	names := {name |
		some r in rs
		some name in buckets_named(r.body.bucket)
	}
}

# refers_to_bucket holds when v names bucket `name` (see buckets_named).
refers_to_bucket(v, name) if name in buckets_named(v)

# buckets_named is the set of bucket names a value names: by reference
# (aws_s3_bucket.NAME. anywhere in it), or, for a known string, the names
# of this file's aws_s3_bucket resources whose `bucket` is that string.
buckets_named(v) := bucket_refs(v) | buckets_by_literal(v) if is_string(v)

buckets_named(v) := set() if not is_string(v)

bucket_refs(v) := {name |
	some i, part in split(v, "aws_s3_bucket.")
	i > 0
	j := indexof(part, ".")
	j > 0
	name := substring(part, 0, j)
}

buckets_by_literal(v) := object.get(bucket_names_by_literal, v, set()) if not values.is_unknown(v)

buckets_by_literal(v) := set() if values.is_unknown(v)

# bucket_names_by_literal maps each literal `bucket` of this file's
# aws_s3_bucket resources to the names of those resources.
bucket_names_by_literal[b] contains r.name if {
	some r in resources.aws_s3_bucket
	b := r.body.bucket
	is_string(b)
}

# ---- IAM policy documents ----

# json_statements lists the statements of a literal JSON policy document
# (a string). Unknown values and strings that are not JSON give none.
json_statements(doc) := stmts if {
	is_string(doc)
	not values.is_unknown(doc)
	json.is_valid(doc)
	parsed := json.unmarshal(doc)
	stmts := as_list(parsed.Statement)
}

# statement_allows holds for an Allow statement (JSON policy syntax).
statement_allows(s) if s.Effect == "Allow"

# principal_is_public holds for a JSON statement Principal that names
# everyone: "*" or {"AWS": "*"} (also inside a list).
principal_is_public(p) if p == "*"

principal_is_public(p) if {
	is_object(p)
	some v in as_list(object.get(p, "AWS", []))
	v == "*"
}

# restricted_by_deny holds for a JSON policy that also has a Deny statement
# with a Condition or for everyone: the "Allow everyone, Deny unless from my VPC/org"
# pattern, which a static read cannot prove open.
restricted_by_deny(stmts) if {
	some s in stmts
	s.Effect == "Deny"
	s.Condition
}

restricted_by_deny(stmts) if {
	some s in stmts
	s.Effect == "Deny"
	principal_is_public(s.Principal)
}

# unconditional holds for a JSON statement without a Condition.
unconditional(s) if not s.Condition

# policy_attributes lists every literal IAM policy document attribute of a
# resource: {resource, path, statements}.
iam_policy_resources := {
	"aws_iam_policy": "policy",
	"aws_iam_role_policy": "policy",
	"aws_iam_user_policy": "policy",
	"aws_iam_group_policy": "policy",
	"aws_ssoadmin_permission_set_inline_policy": "inline_policy",
}

policy_documents contains d if {
	some type, attr in iam_policy_resources
	some r in resources[type]
	stmts := json_statements(r.body[attr])
	d := {"resource": r.address, "path": array.concat(r.path, [attr]), "statements": stmts}
}

policy_documents contains d if {
	some r in resources.aws_iam_role
	some p in blocks(r, "inline_policy")
	stmts := json_statements(p.body.policy)
	d := {
		"resource": r.address,
		"path": array.concat(p.path, ["policy"]),
		"statements": stmts,
	}
}

# document_statements lists the statement blocks of aws_iam_policy_document
# data sources, with their effect resolved (default Allow); document is
# the path of the data source's body.
document_statements contains s if {
	some d in data_sources.aws_iam_policy_document
	some st in blocks(d, "statement")
	s := {
		"resource": d.address,
		"document": d.path,
		"path": st.path,
		"effect": object.get(st.body, "effect", "Allow"),
		"body": st.body,
	}
}

# ---- Google Cloud firewall ----

# gcp_open_firewalls lists enabled ingress google_compute_firewall rules
# whose literal source_ranges include the whole internet.
gcp_open_firewalls contains f if {
	some r in resources.google_compute_firewall
	b := r.body
	object.get(b, "direction", "INGRESS") == "INGRESS"
	not is_true(object.get(b, "disabled", false))
	has_open_cidr(b.source_ranges)
	f := {
		"resource": r.address,
		"path": array.concat(r.path, ["source_ranges"]),
		"body": b,
		"firewall": r,
	}
}

# gcp_allows_port holds when an allow block admits port over one of the
# protocols: a missing ports list means every port; entries are "22" or
# ranges like "20-30".
gcp_allows_port(allow, protocols, port) if {
	is_string(allow.protocol)
	lower(allow.protocol) in protocols
	not allow.ports
}

gcp_allows_port(allow, protocols, port) if {
	is_string(allow.protocol)
	lower(allow.protocol) in protocols
	some p in allow.ports
	gcp_port_entry_covers(p, port)
}

gcp_port_entry_covers(p, port) if port_number(p) == port

gcp_port_entry_covers(p, port) if {
	is_string(p)
	regex.match(`^[0-9]+-[0-9]+$`, p)
	bounds := split(p, "-")
	port_range_covers(bounds[0], bounds[1], port)
}

# ---- Azure network security rules ----

internet_sources := {"*", "0.0.0.0", "0.0.0.0/0", "internet", "any", "::/0"}

# nsg_open_rules lists inbound Allow rules whose source is the internet,
# from azurerm_network_security_rule and inline security_rule entries of
# azurerm_network_security_group, with the path of the source attribute.
nsg_open_rules contains r if {
	some res in resources.azurerm_network_security_rule
	some r in nsg_open_rule(res.body, res.address, res.path)
}

nsg_open_rules contains r if {
	some res in resources.azurerm_network_security_group
	some rule in blocks(res, "security_rule")
	some r in nsg_open_rule(rule.body, res.address, rule.path)
}

nsg_open_rule(rule, addr, prefix) := {r |
	is_string(rule.direction)
	lower(rule.direction) == "inbound"
	is_string(rule.access)
	lower(rule.access) == "allow"
	some attr in ["source_address_prefix", "source_address_prefixes"]
	internet_source(rule[attr])
	r := {"resource": addr, "path": array.concat(prefix, [attr]), "rule": rule}
}

internet_source(v) if {
	is_string(v)
	lower(v) in internet_sources
}

internet_source(v) if open_cidr(v)

internet_source(v) if {
	is_array(v)
	some s in v
	is_string(s)
	lower(s) in internet_sources
}

internet_source(v) if has_open_cidr(v)

# nsg_allows_port holds when the rule's protocol (Tcp, Udp or *) is one of
# protocols and a destination port range covers port ("*", "22", "20-30").
nsg_allows_port(rule, protocols, port) if {
	is_string(rule.protocol)
	lower(rule.protocol) in protocols
	nsg_port_entry_covers(rule.destination_port_range, port)
}

nsg_allows_port(rule, protocols, port) if {
	is_string(rule.protocol)
	lower(rule.protocol) in protocols
	some p in rule.destination_port_ranges
	nsg_port_entry_covers(p, port)
}

nsg_port_entry_covers("*", _)

nsg_port_entry_covers(p, port) if gcp_port_entry_covers(p, port)
