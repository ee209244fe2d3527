package infragate.rules.kubernetes.readiness_probe_test

import data.infragate.lib.kubernetes_test as t
import data.infragate.rules.kubernetes.readiness_probe

probe := {"httpGet": {"path": "/", "port": 8080}}

test_missing_deployment if {
	readiness_probe.warn == {{
		"msg": `Deployment/d: container "b" has no readiness probe`,
		"path": array.concat(t.deployment_spec, ["containers", 1]),
		"resource": "Deployment/prod/d",
	}} with input as t.deployment({
		"initContainers": [{"name": "init"}],
		"containers": [{"name": "a", "readinessProbe": probe}, {"name": "b"}],
	})
}

test_missing_pod if {
	r := readiness_probe.warn with input as t.pod({"containers": [{"name": "a"}]})
	{x.path | some x in r} == {["spec", "containers", 0]}
}

test_jobs_exempt if {
	count(readiness_probe.warn) == 0 with input as t.cronjob({"containers": [{"name": "a"}]})
}

test_present if {
	count(readiness_probe.warn) == 0 with input as t.pod({"containers": [{"name": "a", "readinessProbe": probe}]})
}
