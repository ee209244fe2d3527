package infragate.rules.kubernetes.capabilities_baseline_test

import data.infragate.lib.kubernetes_test as t
import data.infragate.rules.kubernetes.capabilities_baseline

caps(add) := {"securityContext": {"capabilities": {"add": add}}}

test_sys_admin_pod if {
	capabilities_baseline.deny == {{
		"msg": `Pod/p: container "a" adds capability SYS_ADMIN`,
		"path": ["spec", "containers", 0, "securityContext", "capabilities", "add", 1],
		"resource": "Pod/default/p",
	}} with input as t.pod({"containers": [object.union({"name": "a"}, caps(["CHOWN", "SYS_ADMIN"]))]})
}

test_all_and_prefixed_deployment if {
	r := capabilities_baseline.deny with input as t.deployment({"containers": [object.union({"name": "a"}, caps(["ALL", "CAP_NET_ADMIN", "cap_kill"]))]})
	{x.path | some x in r} == {
		array.concat(t.deployment_spec, ["containers", 0, "securityContext", "capabilities", "add", 0]),
		array.concat(t.deployment_spec, ["containers", 0, "securityContext", "capabilities", "add", 1]),
	}
}

test_init_container_cronjob if {
	r := capabilities_baseline.deny with input as t.cronjob({"initContainers": [object.union({"name": "i"}, caps(["SYS_PTRACE"]))]})
	{x.msg | some x in r} == {`CronJob/cj: init container "i" adds capability SYS_PTRACE`}
}

test_baseline_caps_allowed if {
	count(capabilities_baseline.deny) == 0 with input as t.pod({"containers": [object.union({"name": "a"}, caps(["NET_BIND_SERVICE", "CHOWN", "SETUID", "{{ .Values.cap }}", 1]))]})
}
