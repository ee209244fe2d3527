package infragate.rules.kubernetes.memory_limits_test

import data.infragate.lib.kubernetes_test as t
import data.infragate.rules.kubernetes.memory_limits

test_no_resources_pod if {
	memory_limits.deny == {{
		"msg": `Pod/p: container "a" has no memory limit (resources.limits.memory)`,
		"path": ["spec", "containers", 0],
		"resource": "Pod/default/p",
	}} with input as t.pod({"containers": [{"name": "a"}], "ephemeralContainers": [{"name": "debug"}]})
}

test_other_resource_set_deployment if {
	r := memory_limits.deny with input as t.deployment({"containers": [{"name": "a", "resources": {"limits": {"cpu": "100m"}, "requests": {"memory": "64Mi"}}}]})
	{x.path | some x in r} == {array.concat(t.deployment_spec, ["containers", 0, "resources", "limits"])}
}

test_init_container_cronjob if {
	r := memory_limits.deny with input as t.cronjob({"initContainers": [{"name": "i", "resources": {}}]})
	{x.path | some x in r} == {array.concat(t.cronjob_spec, ["initContainers", 0, "resources"])}
}

test_set if {
	count(memory_limits.deny) == 0 with input as t.pod({"containers": [
		{"name": "a", "resources": {"limits": {"memory": "64Mi"}}},
		{"name": "b", "resources": "{{ toYaml .Values.resources }}"},
	]})
}
