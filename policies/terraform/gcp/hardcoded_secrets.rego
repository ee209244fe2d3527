# METADATA
# title: Secret is hard-coded in the configuration
# description: >-
#   A password, token or secret written into a .tf file is readable by
#   everyone who can read the repository, stays in its history after it is
#   removed, and is copied into every clone, CI log and state file. The
#   arguments checked are the provider's access token, Cloud SQL user
#   passwords and Secret Manager secret data; a value taken from a variable,
#   a data source or another resource is not reported.
# related_resources:
#   - ref: https://registry.terraform.io/providers/hashicorp/google/latest/docs/guides/provider_reference#access_token
#   - ref: https://developer.hashicorp.com/terraform/language/values/variables#suppressing-values-in-cli-output
# custom:
#   id: IG-GCP-SECRET-001
#   severity: high
#   remediation: |
#     Rotate the secret, then read it at apply time instead:
#       variable "db_password" {
#         type      = string
#         sensitive = true
#       }
#       resource "google_sql_user" "app" {
#         # ...
#         password = var.db_password
#       }
#     For the provider, use application default credentials or
#     GOOGLE_OAUTH_ACCESS_TOKEN.
package infragate.rules.terraform.gcp.hardcoded_secrets

import data.infragate.lib.terraform as tf

# The arguments of each resource type that hold a secret.
secret_args := {
	"google_sql_user": ["password"],
	"google_secret_manager_secret_version": ["secret_data"],
}

deny contains {"msg": msg, "path": path, "resource": res.address} if {
	some type, args in secret_args
	some res in tf.resources[type]
	some arg in args
	tf.hardcoded(res.body[arg])
	path := array.concat(res.path, [arg])
	msg := sprintf("%s: %s is written into the configuration", [res.address, arg])
}

deny contains {"msg": msg, "path": path, "resource": p.address} if {
	some p in tf.providers("google")
	tf.hardcoded(p.body.access_token)
	path := array.concat(p.path, ["access_token"])
	msg := sprintf("%s: access_token is written into the configuration", [p.address])
}
