package infragate.rules.terraform.aws.lb_http_listener_test

import data.infragate.lib.terraform_test.locs
import data.infragate.rules.terraform.aws.lb_http_listener.deny

test_forward if {
	r := deny with input as {"resource": {"aws_lb_listener": {"l": [{"port": 80, "protocol": "HTTP", "default_action": [{"type": "forward", "target_group_arn": "${aws_lb_target_group.t.arn}"}]}]}}}
	locs(r) == {["aws_lb_listener.l", ["resource", "aws_lb_listener", "l", 0, "protocol"]]}
}

test_compliant if {
	count(deny) == 0 with input as {"resource": {
		"aws_lb_listener": {
			"redirect": [{"protocol": "HTTP", "default_action": [{"type": "redirect", "redirect": [{"protocol": "HTTPS", "port": "443", "status_code": "HTTP_301"}]}]}],
			"https": [{"protocol": "HTTPS", "default_action": [{"type": "forward"}]}],
		},
		"aws_alb_listener": {"tcp": [{"protocol": "TCP", "default_action": [{"type": "forward"}]}]},
	}}
}

test_unknown if {
	count(deny) == 0 with input as {"resource": {"aws_lb_listener": {
		"a": [{"protocol": "${var.protocol}", "default_action": [{"type": "forward"}]}],
		"b": [{"protocol": "HTTP", "default_action": [{"type": "${var.action}"}]}],
	}}}
}
