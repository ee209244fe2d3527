package infragate.rules.kubernetes.privileged_test

import data.infragate.lib.kubernetes_test as t
import data.infragate.rules.kubernetes.privileged

test_pod_privileged if {
	privileged.deny == {{
		"msg": `Pod/p: container "app" runs privileged`,
		"path": ["spec", "containers", 0, "securityContext", "privileged"],
		"resource": "Pod/default/p",
	}} with input as t.pod({"containers": [{"name": "app", "securityContext": {"privileged": true}}]})
}

test_deployment_init_container if {
	privileged.deny == {{
		"msg": `Deployment/d: init container "setup" runs privileged`,
		"path": ["spec", "template", "spec", "initContainers", 0, "securityContext", "privileged"],
		"resource": "Deployment/prod/d",
	}} with input as t.deployment({
		"initContainers": [{"name": "setup", "securityContext": {"privileged": true}}],
		"containers": [{"name": "app"}],
	})
}

test_cronjob_ephemeral_container if {
	privileged.deny == {{
		"msg": `CronJob/cj: ephemeral container "debug" runs privileged`,
		"path": array.concat(t.cronjob_spec, ["ephemeralContainers", 0, "securityContext", "privileged"]),
		"resource": "CronJob/default/cj",
	}} with input as t.cronjob({"containers": [{"name": "a"}], "ephemeralContainers": [{"name": "debug", "securityContext": {"privileged": true}}]})
}

test_not_privileged if {
	count(privileged.deny) == 0 with input as t.deployment({"containers": [
		{"name": "a", "securityContext": {"privileged": false}},
		{"name": "b"},
		{"name": "c", "securityContext": {"privileged": "{{ .Values.privileged }}"}},
	]})
}

test_not_kubernetes if {
	count(privileged.deny) == 0 with input as {"spec": {"containers": [{"name": "a", "securityContext": {"privileged": true}}]}}
}
