# METADATA
# title: Security group allows SSH from the internet
# description: >-
#   Port 22 (SSH) open to the whole internet invites brute-force and exploit
#   attempts. Checked in SecurityGroupIngress of AWS::EC2::SecurityGroup and
#   in AWS::EC2::SecurityGroupIngress, for CidrIp 0.0.0.0/0 and CidrIpv6 ::/0.
# related_resources:
#   - ref: https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-ec2-security-group-ingress.html
#   - ref: https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html
# custom:
#   id: IG-CFN-SG-001
#   severity: high
#   related_ids: [IG-AWS-SG-001]
#   remediation: |
#     Allow only the networks that need access (a VPN or bastion range), or use Session Manager:
#       SecurityGroupIngress:
#         - IpProtocol: tcp
#           FromPort: 22
#           ToPort: 22
#           CidrIp: 10.20.0.0/16
package infragate.rules.cloudformation.sg_open_ssh

import data.infragate.lib.cloudformation as cfn

deny contains {"msg": msg, "path": r.path, "resource": r.resource} if {
	some r in cfn.ingress_rules
	cfn.opens_port(r, 22)
	msg := sprintf("%s: ingress allows SSH (port 22) from the internet", [r.resource])
}
