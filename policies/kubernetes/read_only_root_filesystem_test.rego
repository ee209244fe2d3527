package infragate.rules.kubernetes.read_only_root_filesystem_test

import data.infragate.lib.kubernetes_test as t
import data.infragate.rules.kubernetes.read_only_root_filesystem

test_missing_pod if {
	read_only_root_filesystem.deny == {{
		"msg": `Pod/p: container "a" has a writable root filesystem (readOnlyRootFilesystem is not true)`,
		"path": ["spec", "containers", 0],
		"resource": "Pod/default/p",
	}} with input as t.pod({"containers": [{"name": "a"}], "ephemeralContainers": [{"name": "debug"}]})
}

test_false_deployment if {
	r := read_only_root_filesystem.deny with input as t.deployment({"containers": [{"name": "a", "securityContext": {"readOnlyRootFilesystem": false}}]})
	{x.path | some x in r} == {array.concat(t.deployment_spec, ["containers", 0, "securityContext", "readOnlyRootFilesystem"])}
}

test_init_container_cronjob if {
	r := read_only_root_filesystem.deny with input as t.cronjob({"initContainers": [{"name": "i", "securityContext": {}}]})
	{x.path | some x in r} == {array.concat(t.cronjob_spec, ["initContainers", 0, "securityContext"])}
}

test_read_only if {
	count(read_only_root_filesystem.deny) == 0 with input as t.pod({"containers": [
		{"name": "a", "securityContext": {"readOnlyRootFilesystem": true}},
		{"name": "b", "securityContext": {"readOnlyRootFilesystem": "{{ .Values.ro }}"}},
	]})
}
