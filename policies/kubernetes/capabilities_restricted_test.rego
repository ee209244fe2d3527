package infragate.rules.kubernetes.capabilities_restricted_test

import data.infragate.lib.kubernetes_test as t
import data.infragate.rules.kubernetes.capabilities_restricted

test_chown_pod if {
	capabilities_restricted.deny == {{
		"msg": `Pod/p: container "a" adds capability CHOWN (only NET_BIND_SERVICE is allowed)`,
		"path": ["spec", "containers", 0, "securityContext", "capabilities", "add", 1],
		"resource": "Pod/default/p",
	}} with input as t.pod({"containers": [{"name": "a", "securityContext": {"capabilities": {"drop": ["ALL"], "add": ["NET_BIND_SERVICE", "CHOWN", "SYS_ADMIN"]}}}]})
}

test_deployment_and_cronjob if {
	r := capabilities_restricted.deny with input as t.deployment({"containers": [{"name": "a", "securityContext": {"capabilities": {"add": ["SETUID"]}}}]})
	{x.path | some x in r} == {array.concat(t.deployment_spec, ["containers", 0, "securityContext", "capabilities", "add", 0])}
	s := capabilities_restricted.deny with input as t.cronjob({"initContainers": [{"name": "i", "securityContext": {"capabilities": {"add": ["cap_kill"]}}}]})
	{x.path | some x in s} == {array.concat(t.cronjob_spec, ["initContainers", 0, "securityContext", "capabilities", "add", 0])}
}

test_net_bind_service_allowed if {
	count(capabilities_restricted.deny) == 0 with input as t.pod({"containers": [{"name": "a", "securityContext": {"capabilities": {"drop": ["ALL"], "add": ["NET_BIND_SERVICE"]}}}]})
}
