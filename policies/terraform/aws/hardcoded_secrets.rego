# METADATA
# title: Secret is hard-coded in the configuration
# description: >-
#   A password, token or access key written into a .tf file is readable by
#   everyone who can read the repository, stays in its history after it is
#   removed, and is copied into every clone, CI log and state file. The
#   arguments checked are the provider's credentials and the well-known
#   password, token and secret value arguments of AWS resources; a value
#   taken from a variable, a data source or another resource is not
#   reported.
# related_resources:
#   - ref: https://registry.terraform.io/providers/hashicorp/aws/latest/docs#provider-configuration
#   - ref: https://developer.hashicorp.com/terraform/language/values/variables#suppressing-values-in-cli-output
# custom:
#   id: IG-AWS-SECRET-001
#   severity: high
#   remediation: |
#     Rotate the secret, then read it at apply time instead:
#       variable "db_password" {
#         type      = string
#         sensitive = true
#       }
#       resource "aws_db_instance" "db" {
#         # ...
#         password = var.db_password # or manage_master_user_password = true
#       }
#     For the provider, use the environment (AWS_ACCESS_KEY_ID), a shared
#     profile or an assumed role instead of access_key and secret_key.
package infragate.rules.terraform.aws.hardcoded_secrets

import data.infragate.lib.terraform as tf

# The arguments of each resource type that hold a secret.
secret_args := {
	"aws_db_instance": ["password"],
	"aws_rds_cluster": ["master_password"],
	"aws_docdb_cluster": ["master_password"],
	"aws_redshift_cluster": ["master_password"],
	"aws_redshiftserverless_namespace": ["admin_user_password"],
	"aws_elasticache_replication_group": ["auth_token"],
	"aws_dms_endpoint": ["password"],
	"aws_secretsmanager_secret_version": ["secret_string"],
}

provider_args := ["access_key", "secret_key", "token"]

deny contains {"msg": msg, "path": path, "resource": res.address} if {
	some type, args in secret_args
	some res in tf.resources[type]
	some arg in args
	tf.hardcoded(res.body[arg])
	path := array.concat(res.path, [arg])
	msg := sprintf("%s: %s is written into the configuration", [res.address, arg])
}

# An SSM parameter is a secret when its type is SecureString.
deny contains {"msg": msg, "path": path, "resource": res.address} if {
	some res in tf.resources.aws_ssm_parameter
	res.body.type == "SecureString"
	some arg in ["value", "insecure_value"]
	tf.hardcoded(res.body[arg])
	path := array.concat(res.path, [arg])
	msg := sprintf("%s: the SecureString %s is written into the configuration", [res.address, arg])
}

deny contains {"msg": msg, "path": path, "resource": p.address} if {
	some p in tf.providers("aws")
	some arg in provider_args
	tf.hardcoded(p.body[arg])
	path := array.concat(p.path, [arg])
	msg := sprintf("%s: %s is written into the configuration", [p.address, arg])
}
