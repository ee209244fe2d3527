# METADATA
# title: Binding grants cluster-admin
# description: >-
#   cluster-admin is unrestricted superuser access: bound with a
#   ClusterRoleBinding it covers every namespace, with a RoleBinding every
#   resource of the namespace including its Roles and Secrets. Workloads and
#   people rarely need it.
# related_resources:
#   - ref: https://kubernetes.io/docs/concepts/security/rbac-good-practices/#least-privilege
#   - ref: https://kubernetes.io/docs/reference/access-authn-authz/rbac/#user-facing-roles
# custom:
#   id: IG-K8S-032
#   severity: high
#   remediation: |
#     Bind a role with only the permissions needed, for example the built-in
#     `edit` or `view` ClusterRole in one namespace:
#     ```yaml
#     kind: RoleBinding
#     roleRef:
#       apiGroup: rbac.authorization.k8s.io
#       kind: ClusterRole
#       name: view
#     ```
package infragate.rules.kubernetes.rbac_cluster_admin

import data.infragate.lib.kubernetes as k8s

deny contains {"msg": msg, "path": ["roleRef", "name"], "resource": k8s.resource} if {
	k8s.kind in {"RoleBinding", "ClusterRoleBinding"}
	input.roleRef.name == "cluster-admin"
	object.get(input.roleRef, "kind", "ClusterRole") == "ClusterRole"
	msg := sprintf("%s: binds the cluster-admin ClusterRole", [k8s.label])
}
