# METADATA
# title: AKS cluster has Kubernetes RBAC disabled
# description: >-
#   role_based_access_control_enabled = false turns off Kubernetes RBAC: every
#   authenticated identity can do everything in the cluster.
# related_resources:
#   - ref: https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/kubernetes_cluster#role_based_access_control_enabled
# custom:
#   id: IG-AZURE-AKS-001
#   severity: high
#   remediation: |
#     resource "azurerm_kubernetes_cluster" "aks" {
#       # ...
#       role_based_access_control_enabled = true
#     }
package infragate.rules.terraform.azure.aks_rbac

import data.infragate.lib.terraform as tf

types := ["azurerm_kubernetes_cluster"]

attrs := ["role_based_access_control_enabled"]

deny contains {"msg": msg, "path": path, "resource": addr} if {
	some type in types
	some res in tf.resources[type]
	b := res.body
	some attr in attrs
	bad(b[attr])
	addr := res.address
	path := array.concat(res.path, [attr])
	msg := sprintf("%s: %s = %s: Kubernetes RBAC is off", [addr, attr, json.marshal(b[attr])])
}

bad(v) if tf.is_false(v)

has_key(obj, k) if _ = obj[k]

# Provider v2 syntax: role_based_access_control { enabled = false }.
deny contains {"msg": msg, "path": path, "resource": addr} if {
	some res in tf.resources.azurerm_kubernetes_cluster
	some rbac_blk in tf.blocks(res, "role_based_access_control")
	rbac := rbac_blk.body
	tf.is_false(rbac.enabled)
	addr := res.address
	path := array.concat(rbac_blk.path, ["enabled"])
	msg := sprintf("%s: role_based_access_control.enabled = false: Kubernetes RBAC is off", [addr])
}
