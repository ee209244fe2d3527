package infragate.rules.terraform.aws.cloudfront_viewer_https_test

import data.infragate.lib.terraform_test.locs
import data.infragate.rules.terraform.aws.cloudfront_viewer_https.deny

test_default_behavior if {
	r := deny with input as {"resource": {"aws_cloudfront_distribution": {"x": [{"default_cache_behavior": [{"viewer_protocol_policy": "allow-all"}]}]}}}
	locs(r) == {["aws_cloudfront_distribution.x", ["resource", "aws_cloudfront_distribution", "x", 0, "default_cache_behavior", 0, "viewer_protocol_policy"]]}
	some f in r
	startswith(f.msg, "aws_cloudfront_distribution.x: ")
}

test_ordered_behavior if {
	r := deny with input as {"resource": {"aws_cloudfront_distribution": {"x": [{"default_cache_behavior": [{"viewer_protocol_policy": "https-only"}], "ordered_cache_behavior": [{"viewer_protocol_policy": "redirect-to-https"}, {"viewer_protocol_policy": "allow-all"}]}]}}}
	locs(r) == {["aws_cloudfront_distribution.x", ["resource", "aws_cloudfront_distribution", "x", 0, "ordered_cache_behavior", 1, "viewer_protocol_policy"]]}
	some f in r
	startswith(f.msg, "aws_cloudfront_distribution.x: ")
}

test_https if {
	count(deny) == 0 with input as {"resource": {"aws_cloudfront_distribution": {"x": [{"default_cache_behavior": [{"viewer_protocol_policy": "redirect-to-https"}]}]}}}
}

test_unknown if {
	count(deny) == 0 with input as {"resource": {"aws_cloudfront_distribution": {"x": [{"default_cache_behavior": [{"viewer_protocol_policy": "${var.policy}"}]}]}}}
}
