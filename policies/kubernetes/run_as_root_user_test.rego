package infragate.rules.kubernetes.run_as_root_user_test

import data.infragate.lib.kubernetes_test as t
import data.infragate.rules.kubernetes.run_as_root_user

test_container_uid0_pod if {
	run_as_root_user.deny == {{
		"msg": `Pod/p: container "a" runs as UID 0 (root)`,
		"path": ["spec", "containers", 0, "securityContext", "runAsUser"],
		"resource": "Pod/default/p",
	}} with input as t.pod({"containers": [{"name": "a", "securityContext": {"runAsUser": 0}}]})
}

test_pod_uid0_deployment if {
	r := run_as_root_user.deny with input as t.deployment({"securityContext": {"runAsUser": 0}, "containers": [{"name": "a"}, {"name": "b", "securityContext": {"runAsUser": 1000}}]})
	r == {{
		"msg": `Deployment/d: container "a" runs as UID 0 (root)`,
		"path": array.concat(t.deployment_spec, ["securityContext", "runAsUser"]),
		"resource": "Deployment/prod/d",
	}}
}

test_init_container_cronjob if {
	r := run_as_root_user.deny with input as t.cronjob({"initContainers": [{"name": "i", "securityContext": {"runAsUser": 0}}]})
	{x.path | some x in r} == {array.concat(t.cronjob_spec, ["initContainers", 0, "securityContext", "runAsUser"])}
}

test_non_root_uid if {
	count(run_as_root_user.deny) == 0 with input as t.pod({"securityContext": {"runAsUser": 1000}, "containers": [{"name": "a"}]})
	count(run_as_root_user.deny) == 0 with input as t.pod({"containers": [{"name": "a"}]})
}
