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
	some name, blocks in input.resource.google_container_cluster
	some i, b in blocks
	some j, ma in b.master_auth
	is_string(ma.username)
	tf.known(ma.username)
	ma.username != ""
	addr := tf.address("google_container_cluster", name)
	path := ["resource", "google_container_cluster", name, i, "master_auth", j, "username"]
	msg := sprintf("%s: master_auth enables basic authentication", [addr])
}

deny contains {"msg": msg, "path": path, "resource": addr} if {
	some name, blocks in input.resource.google_container_cluster
	some i, b in blocks
	some j, ma in b.master_auth
	some k, ccc in ma.client_certificate_config
	tf.is_true(ccc.issue_client_certificate)
	addr := tf.address("google_container_cluster", name)
	path := ["resource", "google_container_cluster", name, i, "master_auth", j, "client_certificate_config", k, "issue_client_certificate"]
	msg := sprintf("%s: master_auth issues a client certificate", [addr])
}
