package infragate.rules.kubernetes.run_as_non_root_test

import data.infragate.lib.kubernetes_test as t
import data.infragate.rules.kubernetes.run_as_non_root

test_unset_everywhere_pod if {
	run_as_non_root.deny == {{
		"msg": `Pod/p: container "a" may run as root (runAsNonRoot is not true)`,
		"path": ["spec", "containers", 0],
		"resource": "Pod/default/p",
	}} with input as t.pod({"containers": [{"name": "a"}]})
}

test_container_false_deployment if {
	r := run_as_non_root.deny with input as t.deployment({
		"securityContext": {"runAsNonRoot": true},
		"containers": [{"name": "a", "securityContext": {"runAsNonRoot": false}}, {"name": "b"}],
	})
	{x.path | some x in r} == {array.concat(t.deployment_spec, ["containers", 0, "securityContext", "runAsNonRoot"])}
}

test_pod_false_cronjob if {
	r := run_as_non_root.deny with input as t.cronjob({
		"securityContext": {"runAsNonRoot": false},
		"containers": [{"name": "a"}, {"name": "b", "securityContext": {"runAsNonRoot": true}}],
	})
	r == {{
		"msg": `CronJob/cj: container "a" may run as root (runAsNonRoot is not true)`,
		"path": array.concat(t.cronjob_spec, ["securityContext", "runAsNonRoot"]),
		"resource": "CronJob/default/cj",
	}}
}

test_security_context_without_field if {
	r := run_as_non_root.deny with input as t.pod({"initContainers": [{"name": "i", "securityContext": {"privileged": false}}]})
	{x.path | some x in r} == {["spec", "initContainers", 0, "securityContext"]}
}

test_compliant if {
	count(run_as_non_root.deny) == 0 with input as t.pod({"securityContext": {"runAsNonRoot": true}, "containers": [{"name": "a"}]})
	count(run_as_non_root.deny) == 0 with input as t.deployment({"containers": [{"name": "a", "securityContext": {"runAsNonRoot": true}}]})
	count(run_as_non_root.deny) == 0 with input as t.cronjob({"securityContext": {"runAsUser": 1000}, "containers": [{"name": "a"}]})
}

test_templated_not_reported if {
	count(run_as_non_root.deny) == 0 with input as t.pod({"securityContext": "{{ toYaml .Values.podSecurityContext }}", "containers": [{"name": "a"}]})
	count(run_as_non_root.deny) == 0 with input as t.pod({"containers": [{"name": "a", "securityContext": {"runAsNonRoot": "${NON_ROOT}"}}]})
}
