package infragate.rules.kubernetes.proc_mount_test

import data.infragate.lib.kubernetes_test as t
import data.infragate.rules.kubernetes.proc_mount

test_unmasked_pod if {
	proc_mount.deny == {{
		"msg": `Pod/p: container "a" sets procMount Unmasked`,
		"path": ["spec", "containers", 0, "securityContext", "procMount"],
		"resource": "Pod/default/p",
	}} with input as t.pod({"containers": [{"name": "a", "securityContext": {"procMount": "Unmasked"}}]})
}

test_unmasked_deployment_cronjob if {
	r := proc_mount.deny with input as t.deployment({"initContainers": [{"name": "i", "securityContext": {"procMount": "Unmasked"}}]})
	{x.path | some x in r} == {array.concat(t.deployment_spec, ["initContainers", 0, "securityContext", "procMount"])}
	s := proc_mount.deny with input as t.cronjob({"containers": [{"name": "a", "securityContext": {"procMount": "Unmasked"}}]})
	{x.path | some x in s} == {array.concat(t.cronjob_spec, ["containers", 0, "securityContext", "procMount"])}
}

test_default if {
	count(proc_mount.deny) == 0 with input as t.pod({"containers": [{"name": "a", "securityContext": {"procMount": "Default"}}, {"name": "b"}]})
}
