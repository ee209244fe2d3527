# METADATA
# title: Lambda function URL has no authentication
# description: >-
#   authorization_type = "NONE" lets anyone on the internet invoke the
#   function through its URL. Public webhooks may need this; they must then
#   authenticate requests themselves.
# related_resources:
#   - ref: https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/lambda_function_url
#   - ref: https://docs.aws.amazon.com/lambda/latest/dg/urls-auth.html
# custom:
#   id: IG-AWS-LAMBDA-001
#   severity: high
#   enforcement: soft-mandatory
#   remediation: |
#     resource "aws_lambda_function_url" "api" {
#       function_name      = aws_lambda_function.api.function_name
#       authorization_type = "AWS_IAM"
#     }
package infragate.rules.terraform.aws.lambda_url_public

import data.infragate.lib.terraform as tf

types := ["aws_lambda_function_url"]

attrs := ["authorization_type"]

deny contains {"msg": msg, "path": path, "resource": addr} if {
	some type in types
	some res in tf.resources[type]
	b := res.body
	some attr in attrs
	bad(b[attr])
	addr := res.address
	path := array.concat(res.path, [attr])
	msg := sprintf("%s: %s = %s: anyone can invoke the function", [addr, attr, json.marshal(b[attr])])
}

bad(v) if v == "NONE"

has_key(obj, k) if _ = obj[k]
