# METADATA
# title: Load balancer listener allows TLS 1.0 or 1.1
# description: >-
#   The listener's ssl_policy is one of the ELB security policies that still
#   negotiate TLS 1.0 or TLS 1.1, protocol versions with known weaknesses that
#   compliance standards no longer accept.
# related_resources:
#   - ref: https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/lb_listener#ssl_policy
#   - ref: https://docs.aws.amazon.com/elasticloadbalancing/latest/application/describe-ssl-policies.html
# custom:
#   id: IG-AWS-ELB-002
#   severity: medium
#   remediation: |
#     resource "aws_lb_listener" "https" {
#       # ...
#       protocol   = "HTTPS"
#       ssl_policy = "ELBSecurityPolicy-TLS13-1-2-2021-06"
#     }
package infragate.rules.terraform.aws.lb_tls_policy

import data.infragate.lib.terraform as tf

types := ["aws_lb_listener", "aws_alb_listener"]

attrs := ["ssl_policy"]

deny contains {"msg": msg, "path": path, "resource": addr} if {
	some type in types
	some res in tf.resources[type]
	b := res.body
	some attr in attrs
	bad(b[attr])
	addr := res.address
	path := array.concat(res.path, [attr])
	msg := sprintf("%s: %s = %s: the policy allows TLS versions older than 1.2", [addr, attr, json.marshal(b[attr])])
}

bad(v) if v in old_policies

old_policies := {
	"ELBSecurityPolicy-2016-08",
	"ELBSecurityPolicy-2015-05",
	"ELBSecurityPolicy-TLS-1-0-2015-04",
	"ELBSecurityPolicy-TLS-1-1-2017-01",
	"ELBSecurityPolicy-FS-2018-06",
	"ELBSecurityPolicy-FS-1-1-2019-08",
	"ELBSecurityPolicy-TLS13-1-0-2021-06",
	"ELBSecurityPolicy-TLS13-1-1-2021-06",
	"ELBSecurityPolicy-TLS13-1-0-PQ-2025-09",
	"ELBSecurityPolicy-TLS13-1-1-PQ-2025-09",
	"ELBSecurityPolicy-TLS13-1-0-FIPS-2023-04",
	"ELBSecurityPolicy-TLS13-1-1-FIPS-2023-04",
}

has_key(obj, k) if _ = obj[k]
