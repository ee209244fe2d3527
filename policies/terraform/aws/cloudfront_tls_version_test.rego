package infragate.rules.terraform.aws.cloudfront_tls_version_test

import data.infragate.lib.terraform_test.locs
import data.infragate.rules.terraform.aws.cloudfront_tls_version.deny

test_old if {
	r := deny with input as {"resource": {"aws_cloudfront_distribution": {"x": [{"viewer_certificate": [{"acm_certificate_arn": "${aws_acm_certificate.c.arn}", "minimum_protocol_version": "TLSv1"}]}]}}}
	locs(r) == {["aws_cloudfront_distribution.x", ["resource", "aws_cloudfront_distribution", "x", 0, "viewer_certificate", 0, "minimum_protocol_version"]]}
	some f in r
	startswith(f.msg, "aws_cloudfront_distribution.x: ")
}

test_missing if {
	r := deny with input as {"resource": {"aws_cloudfront_distribution": {"x": [{"viewer_certificate": [{"acm_certificate_arn": "arn:aws:acm:us-east-1:1:certificate/x"}]}]}}}
	locs(r) == {["aws_cloudfront_distribution.x", ["resource", "aws_cloudfront_distribution", "x", 0, "viewer_certificate", 0]]}
	some f in r
	startswith(f.msg, "aws_cloudfront_distribution.x: ")
}

test_modern if {
	count(deny) == 0 with input as {"resource": {"aws_cloudfront_distribution": {"x": [{"viewer_certificate": [{"acm_certificate_arn": "${aws_acm_certificate.c.arn}", "minimum_protocol_version": "TLSv1.2_2021"}]}]}}}
}

test_default_certificate if {
	count(deny) == 0 with input as {"resource": {"aws_cloudfront_distribution": {"x": [{"viewer_certificate": [{"cloudfront_default_certificate": true}]}]}}}
}

test_unknown if {
	count(deny) == 0 with input as {"resource": {"aws_cloudfront_distribution": {"x": [{"viewer_certificate": [{"acm_certificate_arn": "${var.cert}", "minimum_protocol_version": "${var.tls}"}]}]}}}
}
