package infragate.rules.kubernetes.seccomp_unconfined_test

import data.infragate.lib.kubernetes_test as t
import data.infragate.rules.kubernetes.seccomp_unconfined

unconfined := {"seccompProfile": {"type": "Unconfined"}}

test_pod_level if {
	seccomp_unconfined.deny == {{
		"msg": "Pod/p: pod seccomp profile is Unconfined",
		"path": ["spec", "securityContext", "seccompProfile", "type"],
		"resource": "Pod/default/p",
	}} with input as t.pod({"securityContext": unconfined, "containers": [{"name": "a"}]})
}

test_container_level_deployment if {
	seccomp_unconfined.deny == {{
		"msg": `Deployment/d: container "a" seccomp profile is Unconfined`,
		"path": array.concat(t.deployment_spec, ["containers", 0, "securityContext", "seccompProfile", "type"]),
		"resource": "Deployment/prod/d",
	}} with input as t.deployment({"containers": [{"name": "a", "securityContext": unconfined}]})
}

test_container_level_cronjob if {
	r := seccomp_unconfined.deny with input as t.cronjob({"initContainers": [{"name": "i", "securityContext": unconfined}]})
	{x.path | some x in r} == {array.concat(t.cronjob_spec, ["initContainers", 0, "securityContext", "seccompProfile", "type"])}
}

test_annotations if {
	obj := {
		"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "p", "annotations": {
			"seccomp.security.alpha.kubernetes.io/pod": "unconfined",
			"container.seccomp.security.alpha.kubernetes.io/a": "unconfined",
			"container.seccomp.security.alpha.kubernetes.io/b": "runtime/default",
		}},
		"spec": {"containers": [{"name": "a"}]},
	}
	r := seccomp_unconfined.deny with input as obj
	{x.path | some x in r} == {
		["metadata", "annotations", "seccomp.security.alpha.kubernetes.io/pod"],
		["metadata", "annotations", "container.seccomp.security.alpha.kubernetes.io/a"],
	}
}

test_runtime_default if {
	count(seccomp_unconfined.deny) == 0 with input as t.pod({"securityContext": {"seccompProfile": {"type": "RuntimeDefault"}}, "containers": [{"name": "a", "securityContext": {"seccompProfile": {"type": "Localhost", "localhostProfile": "p.json"}}}]})
}
