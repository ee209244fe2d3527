package infragate.rules.terraform.azure.nsg_open_rdp_test

import data.infragate.lib.terraform_test.locs
import data.infragate.rules.terraform.azure.nsg_open_rdp.deny

rule(extra) := object.union({"name": "rdp", "direction": "Inbound", "access": "Allow", "protocol": "*", "destination_port_range": "3389", "source_address_prefix": "0.0.0.0/0"}, extra)

test_open if {
	r := deny with input as {"resource": {"azurerm_network_security_rule": {"rdp": [rule({})]}}}
	locs(r) == {["azurerm_network_security_rule.rdp", ["resource", "azurerm_network_security_rule", "rdp", 0, "source_address_prefix"]]}
}

test_compliant if {
	count(deny) == 0 with input as {"resource": {"azurerm_network_security_rule": {
		"vpn": [rule({"source_address_prefix": "VirtualNetwork"})],
		"ssh": [rule({"destination_port_range": "22"})],
	}}}
}

test_unknown if {
	count(deny) == 0 with input as {"resource": {"azurerm_network_security_rule": {"a": [rule({"source_address_prefix": "${var.source}"})]}}}
}
