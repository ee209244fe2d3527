package infragate.rules.terraform.aws.lb_tls_policy_test

import data.infragate.lib.terraform_test.locs
import data.infragate.rules.terraform.aws.lb_tls_policy.deny

test_old if {
	r := deny with input as {"resource": {"aws_lb_listener": {"x": [{"protocol": "HTTPS", "ssl_policy": "ELBSecurityPolicy-2016-08"}]}}}
	locs(r) == {["aws_lb_listener.x", ["resource", "aws_lb_listener", "x", 0, "ssl_policy"]]}
	some f in r
	startswith(f.msg, "aws_lb_listener.x: ")
}

test_alb_old if {
	r := deny with input as {"resource": {"aws_alb_listener": {"x": [{"protocol": "HTTPS", "ssl_policy": "ELBSecurityPolicy-TLS-1-1-2017-01"}]}}}
	locs(r) == {["aws_alb_listener.x", ["resource", "aws_alb_listener", "x", 0, "ssl_policy"]]}
	some f in r
	startswith(f.msg, "aws_alb_listener.x: ")
}

test_modern if {
	count(deny) == 0 with input as {"resource": {"aws_lb_listener": {"x": [{"protocol": "HTTPS", "ssl_policy": "ELBSecurityPolicy-TLS13-1-2-2021-06"}]}}}
}

test_unknown if {
	count(deny) == 0 with input as {"resource": {"aws_lb_listener": {"x": [{"protocol": "HTTPS", "ssl_policy": "${var.ssl_policy}"}]}}}
}
