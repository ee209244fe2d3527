package infragate.rules.kubernetes.rbac_escalation_verbs_test

import data.infragate.rules.kubernetes.rbac_escalation_verbs

role(kind, rules) := {"apiVersion": "rbac.authorization.k8s.io/v1", "kind": kind, "metadata": {"name": "r"}, "rules": rules}

test_escalate_bind if {
	rbac_escalation_verbs.deny == {
		{"msg": "ClusterRole/r: rule 0 grants escalate", "path": ["rules", 0, "verbs", 1], "resource": "ClusterRole/r"},
		{"msg": "ClusterRole/r: rule 0 grants bind", "path": ["rules", 0, "verbs", 2], "resource": "ClusterRole/r"},
	} with input as role("ClusterRole", [{"apiGroups": ["rbac.authorization.k8s.io"], "resources": ["clusterroles"], "verbs": ["get", "escalate", "bind"]}])
}

test_impersonate_role if {
	r := rbac_escalation_verbs.deny with input as role("Role", [{"apiGroups": [""], "resources": ["serviceaccounts"], "verbs": ["impersonate"]}])
	{x.path | some x in r} == {["rules", 0, "verbs", 0]}
}

test_plain_verbs if {
	count(rbac_escalation_verbs.deny) == 0 with input as role("Role", [{"apiGroups": [""], "resources": ["pods"], "verbs": ["get", "list", "*"]}])
}
