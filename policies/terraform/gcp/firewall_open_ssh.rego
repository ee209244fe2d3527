# METADATA
# title: Firewall rule allows SSH from the internet
# description: >-
#   An enabled ingress google_compute_firewall rule with 0.0.0.0/0 (or ::/0)
#   in source_ranges that allows port 22 (SSH), explicitly, in a port range, or
#   by allowing all ports, exposes the instances it targets to brute-force
#   attempts from the whole internet.
# related_resources:
#   - ref: https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/compute_firewall
#   - ref: https://cloud.google.com/iap/docs/using-tcp-forwarding
# custom:
#   id: IG-GCP-FW-001
#   severity: high
#   remediation: |
#     Allow only trusted ranges, e.g. Identity-Aware Proxy's TCP forwarding range:
#       resource "google_compute_firewall" "admin" {
#         name          = "allow-admin-from-iap"
#         network       = google_compute_network.main.name
#         source_ranges = ["35.235.240.0/20"]
#         allow {
#           protocol = "tcp"
#           ports    = ["22"]
#         }
#       }
package infragate.rules.terraform.gcp.firewall_open_ssh

import data.infragate.lib.terraform as tf

deny contains {"msg": msg, "path": f.path, "resource": f.resource} if {
	some f in tf.gcp_open_firewalls
	some allow in tf.blocks(f.firewall, "allow")
	tf.gcp_allows_port(allow.body, {"tcp", "all"}, 22)
	msg := sprintf("%s: allows SSH (port 22) from the internet", [f.resource])
}
