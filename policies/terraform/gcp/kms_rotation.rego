# METADATA
# title: Cloud KMS key is not rotated within 90 days
# description: >-
#   A symmetric google_kms_crypto_key without rotation_period is never
#   rotated automatically; a period above 90 days (7776000s) keeps one key
#   version in use for longer than common compliance baselines allow.
#   Asymmetric keys cannot rotate automatically and are not reported.
# related_resources:
#   - ref: https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/kms_crypto_key#rotation_period
#   - ref: https://cloud.google.com/kms/docs/key-rotation
# custom:
#   id: IG-GCP-KMS-001
#   severity: medium
#   remediation: |
#     resource "google_kms_crypto_key" "k" {
#       name            = "app"
#       key_ring        = google_kms_key_ring.main.id
#       rotation_period = "7776000s"
#     }
package infragate.rules.terraform.gcp.kms_rotation

import data.infragate.lib.terraform as tf

max_seconds := 7776000

deny contains {"msg": msg, "path": path, "resource": addr} if {
	some res in tf.resources.google_kms_crypto_key
	b := res.body
	symmetric(b)
	not has_key(b, "rotation_period")
	addr := res.address
	path := res.path
	msg := sprintf("%s: rotation_period is not set: the key is never rotated", [addr])
}

deny contains {"msg": msg, "path": path, "resource": addr} if {
	some res in tf.resources.google_kms_crypto_key
	b := res.body
	symmetric(b)
	seconds(b.rotation_period) > max_seconds
	addr := res.address
	path := array.concat(res.path, ["rotation_period"])
	msg := sprintf("%s: rotation_period %s is longer than 90 days", [addr, b.rotation_period])
}

symmetric(b) if object.get(b, "purpose", "ENCRYPT_DECRYPT") == "ENCRYPT_DECRYPT"

seconds(v) := to_number(trim_suffix(v, "s")) if {
	is_string(v)
	regex.match(`^[0-9]+(\.[0-9]+)?s$`, v)
}

has_key(obj, k) if _ = obj[k]
