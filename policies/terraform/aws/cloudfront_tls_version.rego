# METADATA
# title: CloudFront distribution allows old TLS versions
# description: >-
#   With a custom certificate, viewer_certificate.minimum_protocol_version
#   below TLSv1.2 (SSLv3, TLSv1, TLSv1_2016, TLSv1.1_2016) lets viewers
#   negotiate weak protocol versions; when it is not set CloudFront uses
#   TLSv1.
# related_resources:
#   - ref: https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/cloudfront_distribution#viewer-certificate-arguments
#   - ref: https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/secure-connections-supported-viewer-protocols-ciphers.html
# custom:
#   id: IG-AWS-CF-002
#   severity: medium
#   remediation: |
#     viewer_certificate {
#       acm_certificate_arn      = aws_acm_certificate.site.arn
#       ssl_support_method       = "sni-only"
#       minimum_protocol_version = "TLSv1.2_2021"
#     }
package infragate.rules.terraform.aws.cloudfront_tls_version

import data.infragate.lib.terraform as tf

types := ["aws_cloudfront_distribution"]

attrs := ["minimum_protocol_version"]

block_names := ["viewer_certificate"]

deny contains {"msg": msg, "path": path, "resource": addr} if {
	some type in types
	some res in tf.resources[type]
	some block in block_names
	some nested in tf.blocks(res, block)
	blk := nested.body
	custom_certificate(blk)
	some attr in attrs
	bad(blk[attr])
	addr := res.address
	path := array.concat(nested.path, [attr])
	msg := sprintf("%s: %s.%s = %s: viewers can negotiate TLS older than 1.2", [addr, block, attr, json.marshal(blk[attr])])
}

deny contains {"msg": msg, "path": path, "resource": addr} if {
	some type in types
	some res in tf.resources[type]
	some block in block_names
	some nested in tf.blocks(res, block)
	blk := nested.body
	custom_certificate(blk)
	every attr in attrs {
		not has_key(blk, attr)
	}
	addr := res.address
	path := nested.path
	msg := sprintf("%s: %s.minimum_protocol_version is not set (defaults to TLSv1)", [addr, block])
}

bad(v) if v in {"SSLv3", "TLSv1", "TLSv1_2016", "TLSv1.1_2016"}

has_key(obj, k) if _ = obj[k]

# The default *.cloudfront.net certificate has a fixed policy; the setting
# applies to custom (ACM or IAM) certificates.
custom_certificate(vc) if vc.acm_certificate_arn

custom_certificate(vc) if vc.iam_certificate_id
