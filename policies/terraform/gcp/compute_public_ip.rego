# METADATA
# title: Compute instance has a public IP address
# description: >-
#   An access_config block in a network_interface gives a Compute Engine VM
#   (or every VM of an instance template) an external IP address, reachable
#   from the internet subject only to firewall rules. Use Cloud NAT for
#   outbound traffic and IAP or a load balancer for inbound.
# related_resources:
#   - ref: https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/compute_instance#access_config
#   - ref: https://cloud.google.com/compute/docs/ip-addresses#externaladdresses
# custom:
#   id: IG-GCP-COMPUTE-001
#   severity: medium
#   enforcement: soft-mandatory
#   remediation: |
#     Remove the access_config block:
#       network_interface {
#         subnetwork = google_compute_subnetwork.private.id
#       }
package infragate.rules.terraform.gcp.compute_public_ip

import data.infragate.lib.terraform as tf

deny contains {"msg": msg, "path": path, "resource": addr} if {
	some type in ["google_compute_instance", "google_compute_instance_template"]
	some res in tf.resources[type]
	some ni in tf.blocks(res, "network_interface")
	some ac in tf.blocks(ni, "access_config")
	addr := res.address
	path := ac.path
	msg := sprintf("%s: network interface has an external IP address (access_config)", [addr])
}
