# METADATA
# title: Load balancer listener serves plain HTTP
# description: >-
#   An aws_lb_listener (or aws_alb_listener) with protocol "HTTP" whose
#   default action does not redirect sends traffic, cookies and credentials
#   unencrypted. A listener that only redirects to HTTPS is fine.
# related_resources:
#   - ref: https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/lb_listener
# custom:
#   id: IG-AWS-ELB-001
#   severity: medium
#   remediation: |
#     default_action {
#       type = "redirect"
#       redirect {
#         port        = "443"
#         protocol    = "HTTPS"
#         status_code = "HTTP_301"
#       }
#     }
package infragate.rules.terraform.aws.lb_http_listener

import data.infragate.lib.terraform as tf

deny contains {"msg": msg, "path": path, "resource": addr} if {
	some type in ["aws_lb_listener", "aws_alb_listener"]
	some res in tf.resources[type]
	b := res.body
	is_string(b.protocol)
	upper(b.protocol) == "HTTP"
	actions := tf.blocks(res, "default_action")
	count(actions) > 0
	every a in actions {
		tf.known(a.body.type)
		a.body.type != "redirect"
	}
	addr := res.address
	path := array.concat(res.path, ["protocol"])
	msg := sprintf("%s: HTTP listener does not redirect to HTTPS", [addr])
}
