package infragate.rules.cloudformation.sg_test

import data.infragate.lib.cloudformation_test.locs
import data.infragate.lib.cloudformation_test.res
import data.infragate.lib.cloudformation_test.template
import data.infragate.rules.cloudformation.sg_open_all_ports
import data.infragate.rules.cloudformation.sg_open_rdp
import data.infragate.rules.cloudformation.sg_open_ssh

open := template({
	"Web": res("AWS::EC2::SecurityGroup", {"GroupDescription": "web", "SecurityGroupIngress": [
		{"IpProtocol": "tcp", "FromPort": 443, "ToPort": 443, "CidrIp": "0.0.0.0/0"},
		{"IpProtocol": "tcp", "FromPort": 22, "ToPort": 22, "CidrIpv6": "::/0"},
		{"IpProtocol": "-1", "CidrIp": "0.0.0.0/0"},
	]}),
	"Rdp": res("AWS::EC2::SecurityGroupIngress", {"GroupId": {"Ref": "Web"}, "IpProtocol": "tcp", "FromPort": "3000", "ToPort": "4000", "CidrIp": "0.0.0.0/0"}),
})

test_ssh if {
	locs(sg_open_ssh.deny) == {["Web", ["Resources", "Web", "Properties", "SecurityGroupIngress", 1, "CidrIpv6"]]} with input as open
}

test_rdp if {
	locs(sg_open_rdp.deny) == {["Rdp", ["Resources", "Rdp", "Properties", "CidrIp"]]} with input as open
}

test_all if {
	locs(sg_open_all_ports.deny) == {["Web", ["Resources", "Web", "Properties", "SecurityGroupIngress", 2, "CidrIp"]]} with input as open
}

test_closed_and_unknown_pass if {
	t := template({"Sg": res("AWS::EC2::SecurityGroup", {"SecurityGroupIngress": [
		{"IpProtocol": "tcp", "FromPort": 22, "ToPort": 22, "CidrIp": "10.0.0.0/8"},
		{"IpProtocol": "tcp", "FromPort": 22, "ToPort": 22, "CidrIp": {"Ref": "AdminCidr"}},
		{"IpProtocol": {"Ref": "Proto"}, "FromPort": 3389, "ToPort": 3389, "CidrIp": "0.0.0.0/0"},
	]})})
	count(sg_open_ssh.deny) == 0 with input as t
	count(sg_open_rdp.deny) == 0 with input as t
	count(sg_open_all_ports.deny) == 0 with input as t
}

test_ssh_open_spellings if {
	t := template({
		"V6": res("AWS::EC2::SecurityGroupIngress", {"GroupId": "sg-1", "IpProtocol": "tcp", "FromPort": 22, "ToPort": 22, "CidrIpv6": "0::/0"}),
		"Half": res("AWS::EC2::SecurityGroupIngress", {"GroupId": "sg-1", "IpProtocol": "tcp", "FromPort": 22, "ToPort": 22, "CidrIp": "128.0.0.0/1"}),
		"Lan": res("AWS::EC2::SecurityGroupIngress", {"GroupId": "sg-1", "IpProtocol": "tcp", "FromPort": 22, "ToPort": 22, "CidrIp": "10.0.0.0/8"}),
	})
	locs(sg_open_ssh.deny) == {
		["V6", ["Resources", "V6", "Properties", "CidrIpv6"]],
		["Half", ["Resources", "Half", "Properties", "CidrIp"]],
	} with input as t
}
