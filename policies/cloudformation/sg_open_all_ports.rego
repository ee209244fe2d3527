# METADATA
# title: Security group allows all traffic from the internet
# description: >-
#   An ingress rule with IpProtocol -1 (all), or every TCP/UDP port, open to
#   0.0.0.0/0 or ::/0 exposes every service on the instances.
# related_resources:
#   - ref: https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-ec2-security-group-ingress.html
# custom:
#   id: IG-CFN-SG-003
#   severity: high
#   related_ids: [IG-AWS-SG-003]
#   remediation: |
#     Open only the ports the service needs:
#       SecurityGroupIngress:
#         - IpProtocol: tcp
#           FromPort: 443
#           ToPort: 443
#           CidrIp: 0.0.0.0/0
package infragate.rules.cloudformation.sg_open_all_ports

import data.infragate.lib.cloudformation as cfn

deny contains {"msg": msg, "path": r.path, "resource": r.resource} if {
	some r in cfn.ingress_rules
	cfn.all_ports(r)
	msg := sprintf("%s: ingress allows all ports from the internet", [r.resource])
}
