package infragate.rules.kubernetes.host_port_test

import data.infragate.lib.kubernetes_test as t
import data.infragate.rules.kubernetes.host_port

test_host_port_pod if {
	host_port.deny == {{
		"msg": `Pod/p: container "web" binds host port 80`,
		"path": ["spec", "containers", 0, "ports", 1, "hostPort"],
		"resource": "Pod/default/p",
	}} with input as t.pod({"containers": [{"name": "web", "ports": [{"containerPort": 8080}, {"containerPort": 80, "hostPort": 80}]}]})
}

test_host_port_deployment_and_cronjob if {
	r := host_port.deny with input as t.deployment({"containers": [{"name": "a", "ports": [{"hostPort": 9100}]}]})
	{x.path | some x in r} == {array.concat(t.deployment_spec, ["containers", 0, "ports", 0, "hostPort"])}
	s := host_port.deny with input as t.cronjob({"initContainers": [{"name": "i", "ports": [{"hostPort": 53}]}]})
	{x.path | some x in s} == {array.concat(t.cronjob_spec, ["initContainers", 0, "ports", 0, "hostPort"])}
}

test_no_host_port if {
	count(host_port.deny) == 0 with input as t.pod({"containers": [{"name": "web", "ports": [
		{"containerPort": 80},
		{"containerPort": 81, "hostPort": 0},
		{"containerPort": 82, "hostPort": "{{ .Values.hostPort }}"},
	]}]})
}
