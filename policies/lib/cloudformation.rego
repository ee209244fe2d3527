# Helpers shared by the built-in CloudFormation rules. Input is one
# template (YAML or JSON) with short-form intrinsics in their long form
# ({"Ref": ...}, {"Fn::GetAtt": [...]}, {"Fn::If": [...]}, ...).
#
# Conventions the rules follow:
#   - resource: the logical id of the resource.
#   - paths point at the offending property; for a missing property, at the
#     resource (its logical id line).
#   - an intrinsic function (or a Fn::If choosing between values) is a value
#     known only at deploy time and never produces a finding.
package infragate.lib.cloudformation

import data.infragate.lib.network

# is_template holds for a CloudFormation (or SAM) template.
is_template if {
	is_object(input.Resources)
	some r in input.Resources
	is_string(r.Type)
	startswith(r.Type, "AWS::")
}

# resources lists every resource with its logical id, type, properties (an
# empty object when absent) and path.
resources contains r if {
	is_template
	some id, res in input.Resources
	is_string(res.Type)
	props := object.get(res, "Properties", {})
	is_object(props)
	r := {"id": id, "type": res.Type, "props": props, "path": ["Resources", id]}
}

# of_type lists the resources of one type.
of_type(t) := {r | some r in resources; r.type == t}

# prop_path is the path of a property of a resource.
prop_path(r, keys) := array.concat(r.path, array.concat(["Properties"], keys))

# intrinsic holds for a value computed at deploy time.
intrinsic(v) if {
	is_object(v)
	count(v) == 1
	some k, _ in v
	intrinsic_key(k)
}

intrinsic_key("Ref")

intrinsic_key("Condition")

intrinsic_key(k) if startswith(k, "Fn::")

# is_true / is_false hold for literal booleans and their string forms
# (CloudFormation accepts "true"/"false" for Boolean properties).
is_true(v) if v == true

is_true(v) if {
	is_string(v)
	lower(v) == "true"
}

is_false(v) if v == false

is_false(v) if {
	is_string(v)
	lower(v) == "false"
}

# not_true holds when a Boolean property is absent or literally false: the
# CloudFormation default of most security switches.
not_true(props, key) if not has_key(props, key)

not_true(props, key) if is_false(props[key])

has_key(obj, k) if _ = obj[k]

# as_list turns a string-or-array value into an array.
as_list(v) := v if is_array(v)

as_list(v) := [v] if not is_array(v)

# ---- networks ----

# open_cidr holds for a CIDR that admits the whole internet, however
# spelled (network.open_cidr: ::0/0, 0.0.0.0/1 and 128.0.0.0/1).
open_cidr(c) if network.open_cidr(c)

# ingress_rules lists the ingress rules open to the internet, inline
# (AWS::EC2::SecurityGroup SecurityGroupIngress) and standalone
# (AWS::EC2::SecurityGroupIngress), with protocol, ports and the path of the
# open CIDR.
ingress_rules contains x if {
	some r in of_type("AWS::EC2::SecurityGroup")
	some j, ing in r.props.SecurityGroupIngress
	some attr in ["CidrIp", "CidrIpv6"]
	open_cidr(ing[attr])
	x := rule(r.id, ing, prop_path(r, ["SecurityGroupIngress", j, attr]))
}

ingress_rules contains x if {
	some r in of_type("AWS::EC2::SecurityGroupIngress")
	some attr in ["CidrIp", "CidrIpv6"]
	open_cidr(r.props[attr])
	x := rule(r.id, r.props, prop_path(r, [attr]))
}

rule(id, ing, path) := {
	"protocol": object.get(ing, "IpProtocol", null),
	"from": object.get(ing, "FromPort", null),
	"to": object.get(ing, "ToPort", null),
	"resource": id,
	"path": path,
}

port(p) := p if is_number(p)

port(p) := to_number(p) if {
	is_string(p)
	regex.match(`^-?[0-9]+$`, p)
}

protocol(p) := lower(p) if is_string(p)

protocol(p) := sprintf("%d", [p]) if is_number(p)

# all_ports holds for a rule that opens every protocol, or every TCP/UDP port.
all_ports(r) if protocol(r.protocol) in {"-1", "all"}

all_ports(r) if {
	protocol(r.protocol) in {"tcp", "udp", "6", "17"}
	port(r.from) <= 1
	port(r.to) >= 65535
}

all_ports(r) if {
	protocol(r.protocol) in {"tcp", "udp", "6", "17"}
	port(r.from) == -1
	port(r.to) == -1
}

# opens_port holds for a TCP rule covering port without opening every port.
opens_port(r, p) if {
	not all_ports(r)
	protocol(r.protocol) in {"tcp", "6"}
	port(r.from) <= p
	port(r.to) >= p
}

# ---- IAM ----

# statements lists the statements of the literal IAM policy documents of IAM
# resources (AWS::IAM::Policy, ManagedPolicy, and inline Policies of roles,
# users and groups), each as {resource, path, body}.
statements contains s if {
	some t in ["AWS::IAM::Policy", "AWS::IAM::ManagedPolicy"]
	some r in of_type(t)
	some s in document_statements(r.id, r.props.PolicyDocument, prop_path(r, ["PolicyDocument"]))
}

statements contains s if {
	some t in ["AWS::IAM::Role", "AWS::IAM::User", "AWS::IAM::Group"]
	some r in of_type(t)
	some j, p in r.props.Policies
	some s in document_statements(r.id, p.PolicyDocument, prop_path(r, ["Policies", j, "PolicyDocument"]))
}

document_statements(id, doc, base) := [s |
	some k, body in doc.Statement
	s := {"resource": id, "path": array.concat(base, ["Statement", k]), "body": body}
] if is_array(doc.Statement)

document_statements(id, doc, base) := [{"resource": id, "path": array.concat(base, ["Statement"]), "body": doc.Statement}] if {
	is_object(doc.Statement)
	not intrinsic(doc.Statement)
}
