package infragate.rules.kubernetes.rbac_cluster_admin_test

import data.infragate.rules.kubernetes.rbac_cluster_admin

binding(kind, ref) := {
	"apiVersion": "rbac.authorization.k8s.io/v1",
	"kind": kind,
	"metadata": {"name": "b"},
	"roleRef": ref,
	"subjects": [{"kind": "ServiceAccount", "name": "app", "namespace": "app"}],
}

test_cluster_role_binding if {
	rbac_cluster_admin.deny == {{
		"msg": "ClusterRoleBinding/b: binds the cluster-admin ClusterRole",
		"path": ["roleRef", "name"],
		"resource": "ClusterRoleBinding/b",
	}} with input as binding("ClusterRoleBinding", {"apiGroup": "rbac.authorization.k8s.io", "kind": "ClusterRole", "name": "cluster-admin"})
}

test_role_binding if {
	r := rbac_cluster_admin.deny with input as binding("RoleBinding", {"kind": "ClusterRole", "name": "cluster-admin"})
	{x.resource | some x in r} == {"RoleBinding/default/b"}
}

test_other_roles if {
	count(rbac_cluster_admin.deny) == 0 with input as binding("ClusterRoleBinding", {"kind": "ClusterRole", "name": "view"})
	count(rbac_cluster_admin.deny) == 0 with input as binding("RoleBinding", {"kind": "Role", "name": "cluster-admin"})
}
