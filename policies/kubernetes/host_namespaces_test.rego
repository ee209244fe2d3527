package infragate.rules.kubernetes.host_namespaces_test

import data.infragate.lib.kubernetes_test as t
import data.infragate.rules.kubernetes.host_ipc
import data.infragate.rules.kubernetes.host_network
import data.infragate.rules.kubernetes.host_pid

test_host_network_pod if {
	host_network.deny == {{
		"msg": "Pod/p: pod uses the host's network namespace (hostNetwork: true)",
		"path": ["spec", "hostNetwork"],
		"resource": "Pod/default/p",
	}} with input as t.pod({"hostNetwork": true, "containers": []})
}

test_host_network_cronjob if {
	host_network.deny == {{
		"msg": "CronJob/cj: pod uses the host's network namespace (hostNetwork: true)",
		"path": array.concat(t.cronjob_spec, ["hostNetwork"]),
		"resource": "CronJob/default/cj",
	}} with input as t.cronjob({"hostNetwork": true})
}

test_host_pid_deployment if {
	host_pid.deny == {{
		"msg": "Deployment/d: pod shares the host's process ID namespace (hostPID: true)",
		"path": ["spec", "template", "spec", "hostPID"],
		"resource": "Deployment/prod/d",
	}} with input as t.deployment({"hostPID": true})
}

test_host_ipc_pod if {
	host_ipc.deny == {{
		"msg": "Pod/p: pod shares the host's IPC namespace (hostIPC: true)",
		"path": ["spec", "hostIPC"],
		"resource": "Pod/default/p",
	}} with input as t.pod({"hostIPC": true})
}

test_host_namespaces_off if {
	spec := {"hostNetwork": false, "hostPID": false, "hostIPC": "{{ .Values.ipc }}"}
	count(host_network.deny) == 0 with input as t.deployment(spec)
	count(host_pid.deny) == 0 with input as t.deployment(spec)
	count(host_ipc.deny) == 0 with input as t.deployment(spec)
	count(host_network.deny) == 0 with input as t.pod({})
}
