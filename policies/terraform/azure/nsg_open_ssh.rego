# METADATA
# title: Network security group allows SSH from the internet
# description: >-
#   An inbound Allow rule whose source is *, 0.0.0.0/0 or Internet and whose
#   destination ports include 22 (SSH), directly, in a range or as "*",
#   exposes the virtual machines behind it to brute-force attempts. Checked in
#   azurerm_network_security_rule and in inline security_rule blocks.
# related_resources:
#   - ref: https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/network_security_rule
#   - ref: https://learn.microsoft.com/azure/bastion/bastion-overview
# custom:
#   id: IG-AZURE-NSG-001
#   severity: high
#   remediation: |
#     Allow only a trusted range, or use Azure Bastion:
#       resource "azurerm_network_security_rule" "admin" {
#         # ...
#         direction                  = "Inbound"
#         access                     = "Allow"
#         protocol                   = "Tcp"
#         source_address_prefix      = "10.8.0.0/16"
#         destination_port_range     = "22"
#       }
package infragate.rules.terraform.azure.nsg_open_ssh

import data.infragate.lib.terraform as tf

deny contains {"msg": msg, "path": r.path, "resource": r.resource} if {
	some r in tf.nsg_open_rules
	tf.nsg_allows_port(r.rule, {"tcp", "udp", "*"}, 22)
	msg := sprintf("%s: rule %s allows SSH (port 22) from the internet", [r.resource, object.get(r.rule, "name", "(unnamed)")])
}
