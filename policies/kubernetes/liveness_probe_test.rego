package infragate.rules.kubernetes.liveness_probe_test

import data.infragate.lib.kubernetes_test as t
import data.infragate.rules.kubernetes.liveness_probe

probe := {"httpGet": {"path": "/", "port": 8080}}

test_missing_deployment if {
	liveness_probe.warn == {{
		"msg": `Deployment/d: container "b" has no liveness probe`,
		"path": array.concat(t.deployment_spec, ["containers", 1]),
		"resource": "Deployment/prod/d",
	}} with input as t.deployment({
		"initContainers": [{"name": "init"}],
		"containers": [{"name": "a", "livenessProbe": probe}, {"name": "b"}],
	})
}

test_missing_pod if {
	r := liveness_probe.warn with input as t.pod({"containers": [{"name": "a"}]})
	{x.path | some x in r} == {["spec", "containers", 0]}
}

test_jobs_exempt if {
	count(liveness_probe.warn) == 0 with input as t.cronjob({"containers": [{"name": "a"}]})
}

test_present if {
	count(liveness_probe.warn) == 0 with input as t.pod({"containers": [{"name": "a", "livenessProbe": probe}]})
}
