package infragate.rules.kubernetes.capabilities_drop_all_test

import data.infragate.lib.kubernetes_test as t
import data.infragate.rules.kubernetes.capabilities_drop_all

test_no_security_context_pod if {
	capabilities_drop_all.deny == {{
		"msg": `Pod/p: container "a" does not drop ALL capabilities`,
		"path": ["spec", "containers", 0],
		"resource": "Pod/default/p",
	}} with input as t.pod({"containers": [{"name": "a"}]})
}

test_drop_list_without_all_deployment if {
	r := capabilities_drop_all.deny with input as t.deployment({"containers": [{"name": "a", "securityContext": {"capabilities": {"drop": ["NET_RAW"]}}}]})
	{x.path | some x in r} == {array.concat(t.deployment_spec, ["containers", 0, "securityContext", "capabilities", "drop"])}
}

test_security_context_without_capabilities_cronjob if {
	r := capabilities_drop_all.deny with input as t.cronjob({"containers": [{"name": "a", "securityContext": {"runAsNonRoot": true}}]})
	{x.path | some x in r} == {array.concat(t.cronjob_spec, ["containers", 0, "securityContext"])}
}

test_drops_all if {
	count(capabilities_drop_all.deny) == 0 with input as t.pod({"containers": [
		{"name": "a", "securityContext": {"capabilities": {"drop": ["ALL"]}}},
		{"name": "b", "securityContext": {"capabilities": {"drop": ["all"]}}},
		{"name": "c", "securityContext": "{{ toYaml .Values.securityContext }}"},
		{"name": "d", "securityContext": {"capabilities": {"drop": ["{{ .Values.drop }}"]}}},
	]})
}

test_windows_exempt if {
	count(capabilities_drop_all.deny) == 0 with input as t.pod({"os": {"name": "windows"}, "containers": [{"name": "a"}]})
}
