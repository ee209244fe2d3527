package infragate.rules.terraform.azure.nsg_open_ssh_test

import data.infragate.lib.terraform_test.locs
import data.infragate.rules.terraform.azure.nsg_open_ssh.deny

rule(extra) := object.union({"name": "ssh", "direction": "Inbound", "access": "Allow", "protocol": "Tcp", "source_port_range": "*", "destination_port_range": "22", "source_address_prefix": "*"}, extra)

test_standalone_rule if {
	r := deny with input as {"resource": {"azurerm_network_security_rule": {"ssh": [rule({})]}}}
	locs(r) == {["azurerm_network_security_rule.ssh", ["resource", "azurerm_network_security_rule", "ssh", 0, "source_address_prefix"]]}
}

test_inline_rule_internet_all_ports if {
	r := deny with input as {"resource": {"azurerm_network_security_group": {"nsg": [{"security_rule": [
		rule({"name": "web", "destination_port_range": "443"}),
		rule({"name": "all", "destination_port_range": "*", "source_address_prefix": "Internet"}),
	]}]}}}
	locs(r) == {["azurerm_network_security_group.nsg", ["resource", "azurerm_network_security_group", "nsg", 0, "security_rule", 1, "source_address_prefix"]]}
}

test_prefixes_and_port_ranges if {
	r := deny with input as {"resource": {"azurerm_network_security_rule": {"ssh": [object.remove(
		rule({"source_address_prefixes": ["10.0.0.0/8", "0.0.0.0/0"], "destination_port_ranges": ["20-25"]}),
		["source_address_prefix", "destination_port_range"],
	)]}}}
	locs(r) == {["azurerm_network_security_rule.ssh", ["resource", "azurerm_network_security_rule", "ssh", 0, "source_address_prefixes"]]}
}

test_compliant if {
	count(deny) == 0 with input as {"resource": {"azurerm_network_security_rule": {
		"vpn": [rule({"source_address_prefix": "10.8.0.0/16"})],
		"deny": [rule({"access": "Deny"})],
		"out": [rule({"direction": "Outbound"})],
		"web": [rule({"destination_port_range": "443"})],
	}}}
}

test_unknown if {
	count(deny) == 0 with input as {"resource": {"azurerm_network_security_rule": {
		"a": [rule({"source_address_prefix": "${var.source}"})],
		"b": [rule({"destination_port_range": "${var.port}"})],
	}}}
}

test_source_open_cidr_spellings if {
	r := deny with input as {"resource": {"azurerm_network_security_rule": {
		"half": [rule({"source_address_prefix": "0.0.0.0/1"})],
		"v6": [rule({"source_address_prefix": null, "source_address_prefixes": ["10.0.0.0/8", "0::/0"]})],
	}}}
	locs(r) == {
		["azurerm_network_security_rule.half", ["resource", "azurerm_network_security_rule", "half", 0, "source_address_prefix"]],
		["azurerm_network_security_rule.v6", ["resource", "azurerm_network_security_rule", "v6", 0, "source_address_prefixes"]],
	}
}
