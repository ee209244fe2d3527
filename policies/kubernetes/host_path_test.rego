package infragate.rules.kubernetes.host_path_test

import data.infragate.lib.kubernetes_test as t
import data.infragate.rules.kubernetes.host_path

test_host_path_deployment if {
	host_path.deny == {{
		"msg": `Deployment/d: volume "sock" mounts host path "/var/run/docker.sock"`,
		"path": ["spec", "template", "spec", "volumes", 1, "hostPath"],
		"resource": "Deployment/prod/d",
	}} with input as t.deployment({"volumes": [
		{"name": "tmp", "emptyDir": {}},
		{"name": "sock", "hostPath": {"path": "/var/run/docker.sock"}},
	]})
}

test_host_path_without_path if {
	host_path.deny == {{
		"msg": `Pod/p: volume "x" mounts host path "(unset)"`,
		"path": ["spec", "volumes", 0, "hostPath"],
		"resource": "Pod/default/p",
	}} with input as t.pod({"volumes": [{"name": "x", "hostPath": null}]})
}

test_other_volumes if {
	count(host_path.deny) == 0 with input as t.cronjob({"volumes": [{"name": "c", "configMap": {"name": "c"}}, "bad"]})
}
