package infragate.rules.kubernetes.rbac_secrets_test

import data.infragate.rules.kubernetes.rbac_secrets

role(kind, rules) := {"apiVersion": "rbac.authorization.k8s.io/v1", "kind": kind, "metadata": {"name": "r", "namespace": "app"}, "rules": rules}

test_read_secrets if {
	rbac_secrets.deny == {{
		"msg": "Role/r: rule 0 can get/list secrets",
		"path": ["rules", 0, "resources", 1],
		"resource": "Role/app/r",
	}} with input as role("Role", [{"apiGroups": [""], "resources": ["configmaps", "secrets"], "verbs": ["list", "get", "create"]}])
}

test_wildcard_verb_cluster_role if {
	r := rbac_secrets.deny with input as role("ClusterRole", [{"apiGroups": ["*"], "resources": ["secrets"], "verbs": ["*"]}])
	{x.msg | some x in r} == {"ClusterRole/r: rule 0 can * secrets"}
}

test_compliant if {
	count(rbac_secrets.deny) == 0 with input as role("Role", [{"apiGroups": [""], "resources": ["secrets"], "verbs": ["create", "delete"]}])
	count(rbac_secrets.deny) == 0 with input as role("Role", [{"apiGroups": [""], "resources": ["secrets"], "resourceNames": ["app"], "verbs": ["get"]}])
	count(rbac_secrets.deny) == 0 with input as role("Role", [{"apiGroups": ["example.com"], "resources": ["secrets"], "verbs": ["get"]}])
}

test_missing_api_groups_means_core if {
	r := rbac_secrets.deny with input as role("Role", [{"resources": ["secrets"], "verbs": ["watch"]}])
	{x.path | some x in r} == {["rules", 0, "resources", 0]}
}
