# METADATA
# title: GKE control plane is reachable from any network
# description: >-
#   Without master_authorized_networks_config the cluster's public
#   Kubernetes API endpoint accepts connections from any address; an entry of
#   0.0.0.0/0 has the same effect. Clusters with a private endpoint only
#   (enable_private_endpoint = true) are not reported.
# related_resources:
#   - ref: https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/container_cluster#master_authorized_networks_config
#   - ref: https://cloud.google.com/kubernetes-engine/docs/how-to/authorized-networks
# custom:
#   id: IG-GCP-GKE-003
#   severity: medium
#   remediation: |
#     master_authorized_networks_config {
#       cidr_blocks {
#         cidr_block   = "203.0.113.0/24"
#         display_name = "office"
#       }
#     }
package infragate.rules.terraform.gcp.gke_master_authorized_networks

import data.infragate.lib.terraform as tf

deny contains {"msg": msg, "path": path, "resource": addr} if {
	some res in tf.resources.google_container_cluster
	b := res.body
	not tf.has_block(b, "master_authorized_networks_config")
	not private_endpoint(res)
	addr := res.address
	path := res.path
	msg := sprintf("%s: no master_authorized_networks_config: the API endpoint accepts any address", [addr])
}

deny contains {"msg": msg, "path": path, "resource": addr} if {
	some res in tf.resources.google_container_cluster
	some manc in tf.blocks(res, "master_authorized_networks_config")
	some cidr in tf.blocks(manc, "cidr_blocks")
	tf.open_cidr(cidr.body.cidr_block)
	addr := res.address
	path := array.concat(cidr.path, ["cidr_block"])
	msg := sprintf("%s: master authorized network %s admits any address", [addr, cidr.body.cidr_block])
}

private_endpoint(res) if {
	some pcc in tf.blocks(res, "private_cluster_config")
	tf.is_true(pcc.body.enable_private_endpoint)
}

# An unknown setting may be private: do not report.
private_endpoint(res) if {
	some pcc in tf.blocks(res, "private_cluster_config")
	not tf.known(pcc.body.enable_private_endpoint)
}
