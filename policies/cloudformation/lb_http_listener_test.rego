package infragate.rules.cloudformation.lb_http_listener_test

import data.infragate.lib.cloudformation_test.locs
import data.infragate.lib.cloudformation_test.res
import data.infragate.lib.cloudformation_test.template
import data.infragate.rules.cloudformation.lb_http_listener.deny

test_http_listeners if {
	r := deny with input as template({
		"Http": res("AWS::ElasticLoadBalancingV2::Listener", {"Protocol": "HTTP", "Port": 80, "DefaultActions": [{"Type": "forward", "TargetGroupArn": {"Ref": "Tg"}}]}),
		"Redirect": res("AWS::ElasticLoadBalancingV2::Listener", {"Protocol": "HTTP", "Port": 80, "DefaultActions": [{"Type": "redirect", "RedirectConfig": {"Protocol": "HTTPS"}}]}),
		"Https": res("AWS::ElasticLoadBalancingV2::Listener", {"Protocol": "HTTPS", "Port": 443, "DefaultActions": [{"Type": "forward"}]}),
		"Unknown": res("AWS::ElasticLoadBalancingV2::Listener", {"Protocol": {"Ref": "Proto"}, "DefaultActions": [{"Type": {"Ref": "T"}}]}),
		"Classic": res("AWS::ElasticLoadBalancing::LoadBalancer", {"Listeners": [
			{"LoadBalancerPort": "443", "InstancePort": "80", "Protocol": "HTTPS"},
			{"LoadBalancerPort": "80", "InstancePort": "80", "Protocol": "http"},
		]}),
	})
	locs(r) == {
		["Http", ["Resources", "Http", "Properties", "Protocol"]],
		["Classic", ["Resources", "Classic", "Properties", "Listeners", 1, "Protocol"]],
	}
}
