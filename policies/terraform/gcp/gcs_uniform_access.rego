# METADATA
# title: Cloud Storage bucket does not use uniform bucket-level access
# description: >-
#   uniform_bucket_level_access defaults to false: object ACLs can then grant
#   access that the bucket's IAM policy does not show, which makes public
#   exposure easy to miss.
# related_resources:
#   - ref: https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/storage_bucket#uniform_bucket_level_access
#   - ref: https://cloud.google.com/storage/docs/uniform-bucket-level-access
# custom:
#   id: IG-GCP-GCS-002
#   severity: medium
#   remediation: |
#     resource "google_storage_bucket" "b" {
#       name                        = "example"
#       location                    = "EU"
#       uniform_bucket_level_access = true
#     }
package infragate.rules.terraform.gcp.gcs_uniform_access

import data.infragate.lib.terraform as tf

types := ["google_storage_bucket"]

attrs := ["uniform_bucket_level_access"]

deny contains {"msg": msg, "path": path, "resource": addr} if {
	some type in types
	some res in tf.resources[type]
	b := res.body
	some attr in attrs
	bad(b[attr])
	addr := res.address
	path := array.concat(res.path, [attr])
	msg := sprintf("%s: %s = %s: object ACLs are in effect", [addr, attr, json.marshal(b[attr])])
}

deny contains {"msg": msg, "path": path, "resource": addr} if {
	some type in types
	some res in tf.resources[type]
	b := res.body
	every attr in attrs {
		not has_key(b, attr)
	}
	addr := res.address
	path := res.path
	msg := sprintf("%s: uniform_bucket_level_access is not set (defaults to false)", [addr])
}

bad(v) if tf.is_false(v)

has_key(obj, k) if _ = obj[k]
