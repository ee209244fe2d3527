package infragate.rules.kubernetes.cpu_limits_test

import data.infragate.lib.kubernetes_test as t
import data.infragate.rules.kubernetes.cpu_limits

test_no_resources_pod if {
	cpu_limits.deny == {{
		"msg": `Pod/p: container "a" has no CPU limit (resources.limits.cpu)`,
		"path": ["spec", "containers", 0],
		"resource": "Pod/default/p",
	}} with input as t.pod({"containers": [{"name": "a"}], "ephemeralContainers": [{"name": "debug"}]})
}

test_other_resource_set_deployment if {
	r := cpu_limits.deny with input as t.deployment({"containers": [{"name": "a", "resources": {"limits": {"memory": "64Mi"}, "requests": {"cpu": "100m"}}}]})
	{x.path | some x in r} == {array.concat(t.deployment_spec, ["containers", 0, "resources", "limits"])}
}

test_init_container_cronjob if {
	r := cpu_limits.deny with input as t.cronjob({"initContainers": [{"name": "i", "resources": {}}]})
	{x.path | some x in r} == {array.concat(t.cronjob_spec, ["initContainers", 0, "resources"])}
}

test_set if {
	count(cpu_limits.deny) == 0 with input as t.pod({"containers": [
		{"name": "a", "resources": {"limits": {"cpu": "100m"}}},
		{"name": "b", "resources": "{{ toYaml .Values.resources }}"},
	]})
}
