# METADATA
# title: VM uses the default service account with full API access
# description: >-
#   A Compute Engine VM (or instance template) that runs as the default
#   compute service account (no email, or the
#   PROJECT_NUMBER-compute@developer.gserviceaccount.com address) with the
#   cloud-platform scope can use the Editor role the default account usually
#   holds on the whole project: anyone with code execution on the VM
#   controls the project.
# related_resources:
#   - ref: https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/compute_instance#service_account
#   - ref: https://cloud.google.com/compute/docs/access/service-accounts#default_service_account
# custom:
#   id: IG-GCP-IAM-001
#   severity: high
#   remediation: |
#     Run as a dedicated service account with only the roles it needs:
#       service_account {
#         email  = google_service_account.app.email
#         scopes = ["cloud-platform"]
#       }
package infragate.rules.terraform.gcp.default_service_account

import data.infragate.lib.terraform as tf

full_scopes := {"cloud-platform", "https://www.googleapis.com/auth/cloud-platform"}

deny contains {"msg": msg, "path": path, "resource": addr} if {
	some type in ["google_compute_instance", "google_compute_instance_template"]
	some res in tf.resources[type]
	some sa_blk in tf.blocks(res, "service_account")
	sa := sa_blk.body
	default_account(sa)
	some scope in sa.scopes
	scope in full_scopes
	addr := res.address
	path := array.concat(sa_blk.path, ["scopes"])
	msg := sprintf("%s: runs as the default service account with the cloud-platform scope", [addr])
}

default_account(sa) if not sa.email

default_account(sa) if {
	is_string(sa.email)
	endswith(sa.email, "-compute@developer.gserviceaccount.com")
}
