# METADATA
# title: GKE cluster enables legacy ABAC
# description: >-
#   enable_legacy_abac = true grants broad static permissions outside
#   Kubernetes RBAC; service accounts and users get rights that RBAC policies
#   do not show.
# related_resources:
#   - ref: https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/container_cluster#enable_legacy_abac
#   - ref: https://cloud.google.com/kubernetes-engine/docs/how-to/hardening-your-cluster#leave_abac_disabled_default_for_110
# custom:
#   id: IG-GCP-GKE-001
#   severity: high
#   remediation: |
#     resource "google_container_cluster" "c" {
#       # ...
#       enable_legacy_abac = false
#     }
package infragate.rules.terraform.gcp.gke_legacy_abac

import data.infragate.lib.terraform as tf

types := ["google_container_cluster"]

attrs := ["enable_legacy_abac"]

deny contains {"msg": msg, "path": path, "resource": addr} if {
	some type in types
	some res in tf.resources[type]
	b := res.body
	some attr in attrs
	bad(b[attr])
	addr := res.address
	path := array.concat(res.path, [attr])
	msg := sprintf("%s: %s = %s: legacy ABAC bypasses RBAC", [addr, attr, json.marshal(b[attr])])
}

bad(v) if tf.is_true(v)

has_key(obj, k) if _ = obj[k]
