# METADATA
# title: Planned security group allows all traffic from the internet
# description: >-
#   A planned ingress rule with protocol -1 (all) or the full 0-65535 port
#   range open to 0.0.0.0/0 or ::/0 exposes every service on the instances.
# related_resources:
#   - ref: https://developer.hashicorp.com/terraform/internals/json-format#plan-representation
#   - ref: https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html
# custom:
#   id: IG-PLAN-AWS-SG-003
#   severity: high
#   related_ids: [IG-AWS-SG-003]
#   remediation: |
#     Open only the ports the service needs, to the networks that need them:
#       ingress {
#         protocol    = "tcp"
#         from_port   = 443
#         to_port     = 443
#         cidr_blocks = ["0.0.0.0/0"]
#       }
package infragate.rules.tfplan.sg_open_all_ports

import data.infragate.lib.terraform as tf
import data.infragate.lib.tfplan

deny contains {"msg": msg, "path": r.path, "resource": r.resource} if {
	some r in tfplan.ingress_rules
	tf.ingress_all_ports(r)
	msg := sprintf("%s: planned ingress allows all ports and protocols from the internet", [r.resource])
}
