# METADATA
# title: AKS API server is reachable from the whole internet
# description: >-
#   An AKS cluster that is neither private (private_cluster_enabled = true) nor
#   limited to authorized IP ranges exposes its Kubernetes API server to every
#   address on the internet, where credential stuffing and API server
#   vulnerabilities can be tried against it. A range of 0.0.0.0/0 is no limit.
# related_resources:
#   - ref: https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/kubernetes_cluster#private_cluster_enabled
#   - ref: https://learn.microsoft.com/azure/aks/api-server-authorized-ip-ranges
# custom:
#   id: IG-AZURE-AKS-002
#   severity: medium
#   remediation: |
#     Make the cluster private, or allow only your networks:
#     resource "azurerm_kubernetes_cluster" "aks" {
#       # ...
#       private_cluster_enabled = true
#       # or:
#       api_server_access_profile {
#         authorized_ip_ranges = ["203.0.113.0/24"]
#       }
#     }
package infragate.rules.terraform.azure.aks_api_public

import data.infragate.lib.terraform as tf

# No limit at all: report the cluster block.
deny contains {"msg": msg, "path": path, "resource": addr} if {
	some res in tf.resources.azurerm_kubernetes_cluster
	b := res.body
	not_private(b)
	not has_ranges(res)
	addr := res.address
	path := res.path
	msg := sprintf("%s: the API server is public and has no authorized IP ranges", [addr])
}

# A range that allows everyone: report the range attribute.
deny contains {"msg": msg, "path": path, "resource": addr} if {
	some res in tf.resources.azurerm_kubernetes_cluster
	b := res.body
	not_private(b)
	some [path, ranges] in range_values(res)
	is_array(ranges)
	some r in ranges
	tf.open_cidr(r)
	addr := res.address
	msg := sprintf("%s: authorized IP range %s allows the whole internet to reach the API server", [addr, r])
}

# not_private holds when the cluster is known not to be private: the
# attribute is absent (default false) or false.
not_private(b) if not has_key(b, "private_cluster_enabled")

not_private(b) if tf.is_false(b.private_cluster_enabled)

has_key(obj, k) if _ = obj[k]

# range_values are the [path, value] pairs of the authorized ranges that
# are set (a missing attribute of a block is []): provider v3+
# api_server_access_profile blocks, and v2's top-level attribute.
range_values(res) := {[p, v] |
	some blk in tf.blocks(res, "api_server_access_profile")
	p := array.concat(blk.path, ["authorized_ip_ranges"])
	v := object.get(blk.body, "authorized_ip_ranges", [])
} | {[p, v] |
	v := res.body.api_server_authorized_ip_ranges
	p := array.concat(res.path, ["api_server_authorized_ip_ranges"])
}

# has_ranges holds when some ranges are set, or may be (unknown values,
# dynamic blocks): only a known absence is reported.
has_ranges(res) if {
	some [_, v] in range_values(res)
	not is_array(v)
}

has_ranges(res) if {
	some [_, v] in range_values(res)
	count(v) > 0
}

has_ranges(res) if res.body.dynamic.api_server_access_profile
