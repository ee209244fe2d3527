package infragate.rules.kubernetes.seccomp_profile_test

import data.infragate.lib.kubernetes_test as t
import data.infragate.rules.kubernetes.seccomp_profile

test_unset_pod if {
	seccomp_profile.deny == {{
		"msg": `Pod/p: container "a" has no seccomp profile (set RuntimeDefault or Localhost)`,
		"path": ["spec", "containers", 0],
		"resource": "Pod/default/p",
	}} with input as t.pod({"containers": [{"name": "a"}]})
}

test_unset_deployment_with_security_context if {
	r := seccomp_profile.deny with input as t.deployment({"securityContext": {"runAsNonRoot": true}, "containers": [{"name": "a", "securityContext": {"seccompProfile": {}}}]})
	{x.path | some x in r} == {array.concat(t.deployment_spec, ["containers", 0, "securityContext", "seccompProfile"])}
}

test_unset_cronjob if {
	r := seccomp_profile.deny with input as t.cronjob({"containers": [{"name": "a"}], "initContainers": [{"name": "i"}]})
	{x.path | some x in r} == {array.concat(t.cronjob_spec, ["containers", 0]), array.concat(t.cronjob_spec, ["initContainers", 0])}
}

test_set if {
	count(seccomp_profile.deny) == 0 with input as t.pod({"securityContext": {"seccompProfile": {"type": "RuntimeDefault"}}, "containers": [{"name": "a"}]})
	count(seccomp_profile.deny) == 0 with input as t.deployment({"containers": [{"name": "a", "securityContext": {"seccompProfile": {"type": "Localhost"}}}]})
	count(seccomp_profile.deny) == 0 with input as t.pod({"securityContext": "{{ toYaml .Values.sc }}", "containers": [{"name": "a"}]})
	count(seccomp_profile.deny) == 0 with input as t.pod({"os": {"name": "windows"}, "containers": [{"name": "a"}]})
}

test_unconfined_left_to_baseline_rule if {
	count(seccomp_profile.deny) == 0 with input as t.pod({"securityContext": {"seccompProfile": {"type": "Unconfined"}}, "containers": [{"name": "a"}]})
}

test_legacy_annotations if {
	pod_annotated := {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "p", "annotations": {"seccomp.security.alpha.kubernetes.io/pod": "runtime/default"}}, "spec": {"containers": [{"name": "a"}]}}
	count(seccomp_profile.deny) == 0 with input as pod_annotated
	container_annotated := {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "p", "annotations": {"container.seccomp.security.alpha.kubernetes.io/a": "localhost/p.json"}}, "spec": {"containers": [{"name": "a"}, {"name": "b"}]}}
	r := seccomp_profile.deny with input as container_annotated
	{x.path | some x in r} == {["spec", "containers", 1]}
}
