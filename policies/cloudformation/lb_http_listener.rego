# METADATA
# title: Load balancer listener serves plain HTTP
# description: >-
#   An HTTP listener sends requests, cookies and credentials unencrypted.
#   Reported for AWS::ElasticLoadBalancingV2::Listener with Protocol HTTP
#   whose default actions do not redirect, and for HTTP listeners of classic
#   AWS::ElasticLoadBalancing::LoadBalancer.
# related_resources:
#   - ref: https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-elasticloadbalancingv2-listener.html
# custom:
#   id: IG-CFN-ELB-001
#   severity: medium
#   related_ids: [IG-AWS-ELB-001]
#   remediation: |
#     Serve HTTPS, and redirect HTTP to it:
#       HttpListener:
#         Type: AWS::ElasticLoadBalancingV2::Listener
#         Properties:
#           Protocol: HTTP
#           Port: 80
#           DefaultActions:
#             - Type: redirect
#               RedirectConfig: {Protocol: HTTPS, Port: "443", StatusCode: HTTP_301}
package infragate.rules.cloudformation.lb_http_listener

import data.infragate.lib.cloudformation as cfn

deny contains {"msg": msg, "path": cfn.prop_path(r, ["Protocol"]), "resource": r.id} if {
	some r in cfn.of_type("AWS::ElasticLoadBalancingV2::Listener")
	is_string(r.props.Protocol)
	upper(r.props.Protocol) == "HTTP"
	is_array(r.props.DefaultActions)
	every a in r.props.DefaultActions {
		is_string(a.Type)
		lower(a.Type) != "redirect"
	}
	msg := sprintf("%s: HTTP listener does not redirect to HTTPS", [r.id])
}

deny contains {"msg": msg, "path": cfn.prop_path(r, ["Listeners", j, "Protocol"]), "resource": r.id} if {
	some r in cfn.of_type("AWS::ElasticLoadBalancing::LoadBalancer")
	some j, l in r.props.Listeners
	is_string(l.Protocol)
	upper(l.Protocol) == "HTTP"
	msg := sprintf("%s: classic load balancer listener on port %v serves plain HTTP", [r.id, l.LoadBalancerPort])
}
