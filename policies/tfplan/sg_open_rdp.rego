# METADATA
# title: Planned security group allows RDP from the internet
# description: >-
#   Port 3389 (RDP) open to the whole internet invites brute-force and
#   exploit attempts. Checked on the planned values of aws_security_group
#   ingress blocks, aws_security_group_rule (type ingress) and
#   aws_vpc_security_group_ingress_rule, for 0.0.0.0/0 and ::/0.
# related_resources:
#   - ref: https://developer.hashicorp.com/terraform/internals/json-format#plan-representation
#   - ref: https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html
# custom:
#   id: IG-PLAN-AWS-SG-002
#   severity: high
#   related_ids: [IG-AWS-SG-002]
#   remediation: |
#     Allow only the networks that need access (a VPN or bastion range):
#       resource "aws_vpc_security_group_ingress_rule" "admin" {
#         security_group_id = aws_security_group.app.id
#         cidr_ipv4         = "10.20.0.0/16"
#         ip_protocol       = "tcp"
#         from_port         = 3389
#         to_port           = 3389
#       }
package infragate.rules.tfplan.sg_open_rdp

import data.infragate.lib.terraform as tf
import data.infragate.lib.tfplan

deny contains {"msg": msg, "path": r.path, "resource": r.resource} if {
	some r in tfplan.ingress_rules
	tf.ingress_opens_port(r, 3389)
	msg := sprintf("%s: planned ingress allows RDP (port 3389) from the internet", [r.resource])
}
