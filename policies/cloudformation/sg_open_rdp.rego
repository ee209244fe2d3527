# METADATA
# title: Security group allows RDP from the internet
# description: >-
#   Port 3389 (RDP) open to the whole internet invites brute-force and exploit
#   attempts. Checked in SecurityGroupIngress of AWS::EC2::SecurityGroup and
#   in AWS::EC2::SecurityGroupIngress, for CidrIp 0.0.0.0/0 and CidrIpv6 ::/0.
# related_resources:
#   - ref: https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-ec2-security-group-ingress.html
#   - ref: https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html
# custom:
#   id: IG-CFN-SG-002
#   severity: high
#   related_ids: [IG-AWS-SG-002]
#   remediation: |
#     Allow only the networks that need access (a VPN or bastion range), or use Session Manager:
#       SecurityGroupIngress:
#         - IpProtocol: tcp
#           FromPort: 3389
#           ToPort: 3389
#           CidrIp: 10.20.0.0/16
package infragate.rules.cloudformation.sg_open_rdp

import data.infragate.lib.cloudformation as cfn

deny contains {"msg": msg, "path": r.path, "resource": r.resource} if {
	some r in cfn.ingress_rules
	cfn.opens_port(r, 3389)
	msg := sprintf("%s: ingress allows RDP (port 3389) from the internet", [r.resource])
}
