# Test helpers shared by the CloudFormation rule tests, and tests of the
# helpers.
package infragate.lib.cloudformation_test

import data.infragate.lib.cloudformation as cfn

# locs reduces a rule's results to (resource, path) pairs for comparisons.
locs(results) := {[r.resource, r.path] | some r in results}

# template wraps resources into a template.
template(resources) := {"AWSTemplateFormatVersion": "2010-09-09", "Resources": resources}

# res builds a resource of type t with properties.
res(t, props) := {"Type": t, "Properties": props}

test_is_template if {
	cfn.is_template with input as template({"B": {"Type": "AWS::S3::Bucket"}})
	not cfn.is_template with input as {"Resources": {"B": {"Type": "Custom::Thing"}}}
	not cfn.is_template with input as {"resource": {"aws_s3_bucket": {}}}
}

test_resources_without_properties if {
	{[r.id, r.props] | some r in cfn.resources} == {["B", {}]} with input as template({"B": {"Type": "AWS::S3::Bucket"}})
}

test_intrinsic if {
	cfn.intrinsic({"Ref": "X"})
	cfn.intrinsic({"Fn::If": ["c", true, false]})
	not cfn.intrinsic({"Key": "v"})
	not cfn.intrinsic("x")
}

test_booleans if {
	cfn.is_true("True")
	cfn.is_false("false")
	cfn.not_true({}, "Encrypted")
	cfn.not_true({"Encrypted": false}, "Encrypted")
	not cfn.not_true({"Encrypted": {"Ref": "E"}}, "Encrypted")
	not cfn.not_true({"Encrypted": "true"}, "Encrypted")
}

test_ports if {
	cfn.all_ports({"protocol": -1})
	cfn.all_ports({"protocol": "tcp", "from": 0, "to": 65535})
	cfn.all_ports({"protocol": "udp", "from": -1, "to": -1})
	cfn.opens_port({"protocol": "6", "from": "20", "to": "30"}, 22)
	not cfn.opens_port({"protocol": "tcp", "from": {"Ref": "P"}, "to": 22}, 22)
	not cfn.opens_port({"protocol": "udp", "from": 22, "to": 22}, 22)
}

test_statement_object if {
	s := cfn.statements with input as template({"P": res("AWS::IAM::ManagedPolicy", {"PolicyDocument": {"Statement": {"Effect": "Allow", "Action": "*"}}})})
	{x.path | some x in s} == {["Resources", "P", "Properties", "PolicyDocument", "Statement"]}
}
