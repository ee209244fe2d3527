package infragate.rules.kubernetes.host_process_test

import data.infragate.lib.kubernetes_test as t
import data.infragate.rules.kubernetes.host_process

host := {"windowsOptions": {"hostProcess": true}}

test_pod_level if {
	host_process.deny == {{
		"msg": "Pod/p: pod runs as a Windows host process",
		"path": ["spec", "securityContext", "windowsOptions", "hostProcess"],
		"resource": "Pod/default/p",
	}} with input as t.pod({"securityContext": host, "hostNetwork": true, "containers": [{"name": "a"}]})
}

test_container_level if {
	r := host_process.deny with input as t.deployment({"containers": [{"name": "a", "securityContext": host}]})
	{x.path | some x in r} == {array.concat(t.deployment_spec, ["containers", 0, "securityContext", "windowsOptions", "hostProcess"])}
	s := host_process.deny with input as t.cronjob({"initContainers": [{"name": "i", "securityContext": host}]})
	{x.msg | some x in s} == {`CronJob/cj: init container "i" runs as a Windows host process`}
}

test_not_host_process if {
	count(host_process.deny) == 0 with input as t.pod({"securityContext": {"windowsOptions": {"hostProcess": false}}, "containers": [{"name": "a"}]})
}
