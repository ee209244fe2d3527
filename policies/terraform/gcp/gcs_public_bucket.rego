# METADATA
# title: Cloud Storage bucket is public
# description: >-
#   An IAM binding or member, or a bucket ACL entry, for allUsers or
#   allAuthenticatedUsers makes the bucket readable (or writable) by anyone on
#   the internet or any Google account.
# related_resources:
#   - ref: https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/storage_bucket_iam
#   - ref: https://cloud.google.com/storage/docs/access-control/making-data-public
# custom:
#   id: IG-GCP-GCS-001
#   severity: high
#   remediation: |
#     Grant the role to specific principals instead:
#       resource "google_storage_bucket_iam_member" "reader" {
#         bucket = google_storage_bucket.b.name
#         role   = "roles/storage.objectViewer"
#         member = "serviceAccount:${google_service_account.app.email}"
#       }
package infragate.rules.terraform.gcp.gcs_public_bucket

import data.infragate.lib.terraform as tf

public_members := {"allUsers", "allAuthenticatedUsers"}

deny contains {"msg": msg, "path": path, "resource": addr} if {
	some res in tf.resources.google_storage_bucket_iam_binding
	b := res.body
	some m in b.members
	m in public_members
	addr := res.address
	path := array.concat(res.path, ["members"])
	msg := sprintf("%s: grants %s to %s", [addr, b.role, m])
}

deny contains {"msg": msg, "path": path, "resource": addr} if {
	some res in tf.resources.google_storage_bucket_iam_member
	b := res.body
	b.member in public_members
	addr := res.address
	path := array.concat(res.path, ["member"])
	msg := sprintf("%s: grants %s to %s", [addr, b.role, b.member])
}

deny contains {"msg": msg, "path": path, "resource": addr} if {
	some res in tf.resources.google_storage_bucket_acl
	b := res.body
	some e in b.role_entity
	is_string(e)
	some m in public_members
	endswith(e, concat(":", ["", m]))
	addr := res.address
	path := array.concat(res.path, ["role_entity"])
	msg := sprintf("%s: ACL entry %q makes the bucket public", [addr, e])
}
