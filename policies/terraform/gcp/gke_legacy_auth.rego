# METADATA
# title: GKE cluster uses basic authentication or client certificates
# description: >-
#   master_auth with a username/password (basic authentication) or with
#   client_certificate_config.issue_client_certificate = true creates
#   long-lived static credentials for the API server that cannot be revoked
#   through IAM.
# related_resources:
#   - ref: https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/container_cluster#master_auth
#   - ref: https://cloud.google.com/kubernetes-engine/docs/how-to/api-server-authentication
# custom:
#   id: IG-GCP-GKE-004
#   severity: high
#   remediation: |
#     master_auth {
#       client_certificate_config {
#         issue_client_certificate = false
#       }
#     }
package infragate.rules.terraform.gcp.gke_legacy_auth

import data.infragate.lib.terraform as tf

deny contains {"msg": msg, "path": path, "resource": addr} if {
	some res in tf.resources.google_container_cluster
	some ma_blk in tf.blocks(res, "master_auth")
	ma := ma_blk.body
	is_string(ma.username)
	tf.known(ma.username)
	ma.username != ""
	addr := res.address
	path := array.concat(ma_blk.path, ["username"])
	msg := sprintf("%s: master_auth enables basic authentication", [addr])
}

deny contains {"msg": msg, "path": path, "resource": addr} if {
	some res in tf.resources.google_container_cluster
	some ma in tf.blocks(res, "master_auth")
	some ccc in tf.blocks(ma, "client_certificate_config")
	tf.is_true(ccc.body.issue_client_certificate)
	addr := res.address
	path := array.concat(ccc.path, ["issue_client_certificate"])
	msg := sprintf("%s: master_auth issues a client certificate", [addr])
}
