package infragate.rules.kubernetes.volume_types_test

import data.infragate.lib.kubernetes_test as t
import data.infragate.rules.kubernetes.volume_types

test_nfs_deployment if {
	volume_types.deny == {{
		"msg": `Deployment/d: volume "share" is of type nfs, not allowed by the restricted standard`,
		"path": ["spec", "template", "spec", "volumes", 1, "nfs"],
		"resource": "Deployment/prod/d",
	}} with input as t.deployment({"volumes": [{"name": "tmp", "emptyDir": {}}, {"name": "share", "nfs": {"server": "nfs", "path": "/"}}]})
}

test_git_repo_pod if {
	r := volume_types.deny with input as t.pod({"volumes": [{"name": "src", "gitRepo": {"repository": "https://example.com/r.git"}}]})
	{x.path | some x in r} == {["spec", "volumes", 0, "gitRepo"]}
}

test_allowed if {
	count(volume_types.deny) == 0 with input as t.cronjob({"volumes": [
		{"name": "a", "configMap": {"name": "a"}},
		{"name": "b", "secret": {"secretName": "b"}},
		{"name": "c", "persistentVolumeClaim": {"claimName": "c"}},
		{"name": "d", "projected": {"sources": []}},
		{"name": "e", "hostPath": {"path": "/"}},
	]})
}
