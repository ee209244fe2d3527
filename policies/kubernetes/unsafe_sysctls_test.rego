package infragate.rules.kubernetes.unsafe_sysctls_test

import data.infragate.lib.kubernetes_test as t
import data.infragate.rules.kubernetes.unsafe_sysctls

test_unsafe_pod if {
	unsafe_sysctls.deny == {{
		"msg": "Pod/p: pod sets unsafe sysctl kernel.msgmax",
		"path": ["spec", "securityContext", "sysctls", 1, "name"],
		"resource": "Pod/default/p",
	}} with input as t.pod({"securityContext": {"sysctls": [
		{"name": "net.ipv4.tcp_syncookies", "value": "1"},
		{"name": "kernel.msgmax", "value": "65536"},
	]}})
}

test_unsafe_deployment if {
	r := unsafe_sysctls.deny with input as t.deployment({"securityContext": {"sysctls": [{"name": "net/core/somaxconn", "value": "1024"}]}})
	{x.path | some x in r} == {array.concat(t.deployment_spec, ["securityContext", "sysctls", 0, "name"])}
}

test_safe if {
	count(unsafe_sysctls.deny) == 0 with input as t.cronjob({"securityContext": {"sysctls": [
		{"name": "net/ipv4/ip_local_port_range", "value": "1024 65535"},
		{"name": "{{ .Values.sysctl }}", "value": "1"},
	]}})
}
