# METADATA
# title: GKE cluster nodes have public IP addresses
# description: >-
#   Without private_cluster_config { enable_private_nodes = true } every node
#   gets a public IP address and is reachable from the internet subject only
#   to firewall rules.
# related_resources:
#   - ref: https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/container_cluster#private_cluster_config
#   - ref: https://cloud.google.com/kubernetes-engine/docs/how-to/private-clusters
# custom:
#   id: IG-GCP-GKE-002
#   severity: medium
#   remediation: |
#     private_cluster_config {
#       enable_private_nodes    = true
#       enable_private_endpoint = false
#       master_ipv4_cidr_block  = "172.16.0.0/28"
#     }
package infragate.rules.terraform.gcp.gke_private_nodes

import data.infragate.lib.terraform as tf

types := ["google_container_cluster"]

attrs := ["enable_private_nodes"]

block_names := ["private_cluster_config"]

deny contains {"msg": msg, "path": path, "resource": addr} if {
	some type in types
	some res in tf.resources[type]
	some block in block_names
	some nested in tf.blocks(res, block)
	blk := nested.body
	some attr in attrs
	bad(blk[attr])
	addr := res.address
	path := array.concat(nested.path, [attr])
	msg := sprintf("%s: %s.%s = %s: nodes get public IP addresses", [addr, block, attr, json.marshal(blk[attr])])
}

deny contains {"msg": msg, "path": path, "resource": addr} if {
	some type in types
	some res in tf.resources[type]
	some block in block_names
	some nested in tf.blocks(res, block)
	blk := nested.body
	every attr in attrs {
		not has_key(blk, attr)
	}
	addr := res.address
	path := nested.path
	msg := sprintf("%s: %s.enable_private_nodes is not set (defaults to false: nodes get public IPs)", [addr, block])
}

deny contains {"msg": msg, "path": path, "resource": addr} if {
	some type in types
	some res in tf.resources[type]
	b := res.body
	every block in block_names {
		not tf.has_block(b, block)
	}
	addr := res.address
	path := res.path
	msg := sprintf("%s: no private_cluster_config: nodes get public IP addresses", [addr])
}

bad(v) if tf.is_false(v)

has_key(obj, k) if _ = obj[k]
