package infragate.rules.kubernetes.rbac_wildcard_test

import data.infragate.rules.kubernetes.rbac_wildcard

role(kind, rules) := {"apiVersion": "rbac.authorization.k8s.io/v1", "kind": kind, "metadata": {"name": "r", "namespace": "app"}, "rules": rules}

test_wildcards if {
	rbac_wildcard.deny == {
		{"msg": `ClusterRole/r: rule 1 grants apiGroups "*"`, "path": ["rules", 1, "apiGroups", 0], "resource": "ClusterRole/r"},
		{"msg": `ClusterRole/r: rule 1 grants verbs "*"`, "path": ["rules", 1, "verbs", 1], "resource": "ClusterRole/r"},
	} with input as role("ClusterRole", [
		{"apiGroups": [""], "resources": ["pods"], "verbs": ["get"]},
		{"apiGroups": ["*"], "resources": ["deployments"], "verbs": ["get", "*"]},
	])
}

test_role_resources if {
	r := rbac_wildcard.deny with input as role("Role", [{"apiGroups": [""], "resources": ["*"], "verbs": ["get"]}])
	{x.path | some x in r} == {["rules", 0, "resources", 0]}
}

test_specific if {
	count(rbac_wildcard.deny) == 0 with input as role("Role", [{"apiGroups": ["apps"], "resources": ["deployments"], "verbs": ["get", "list"]}])
	count(rbac_wildcard.deny) == 0 with input as {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "c"}, "rules": [{"verbs": ["*"]}]}
}
