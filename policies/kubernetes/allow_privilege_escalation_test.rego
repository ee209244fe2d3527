package infragate.rules.kubernetes.allow_privilege_escalation_test

import data.infragate.lib.kubernetes_test as t
import data.infragate.rules.kubernetes.allow_privilege_escalation

test_missing_pod if {
	allow_privilege_escalation.deny == {{
		"msg": `Pod/p: container "a" allows privilege escalation (allowPrivilegeEscalation is not false)`,
		"path": ["spec", "containers", 0],
		"resource": "Pod/default/p",
	}} with input as t.pod({"containers": [{"name": "a"}]})
}

test_true_deployment if {
	r := allow_privilege_escalation.deny with input as t.deployment({"containers": [{"name": "a", "securityContext": {"allowPrivilegeEscalation": true}}]})
	{x.path | some x in r} == {array.concat(t.deployment_spec, ["containers", 0, "securityContext", "allowPrivilegeEscalation"])}
}

test_security_context_without_field_cronjob if {
	r := allow_privilege_escalation.deny with input as t.cronjob({"containers": [{"name": "a", "securityContext": {"runAsNonRoot": true}}]})
	{x.path | some x in r} == {array.concat(t.cronjob_spec, ["containers", 0, "securityContext"])}
}

test_false if {
	count(allow_privilege_escalation.deny) == 0 with input as t.pod({"containers": [
		{"name": "a", "securityContext": {"allowPrivilegeEscalation": false}},
		{"name": "b", "securityContext": {"allowPrivilegeEscalation": "{{ .Values.ape }}"}},
	]})
	count(allow_privilege_escalation.deny) == 0 with input as t.pod({"os": {"name": "windows"}, "containers": [{"name": "a"}]})
}
