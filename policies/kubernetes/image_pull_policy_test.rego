package infragate.rules.kubernetes.image_pull_policy_test

import data.infragate.lib.kubernetes_test as t
import data.infragate.rules.kubernetes.image_pull_policy

test_if_not_present_pod if {
	image_pull_policy.warn == {{
		"msg": `Pod/p: container "a" pulls image nginx:1.27 with imagePullPolicy IfNotPresent`,
		"path": ["spec", "containers", 0, "imagePullPolicy"],
		"resource": "Pod/default/p",
	}} with input as t.pod({"containers": [{"name": "a", "image": "nginx:1.27", "imagePullPolicy": "IfNotPresent"}]})
}

test_default_for_tagged_image_deployment if {
	image_pull_policy.warn == {{
		"msg": `Deployment/d: container "a" pulls image app:v1 with the default imagePullPolicy IfNotPresent`,
		"path": array.concat(t.deployment_spec, ["containers", 0]),
		"resource": "Deployment/prod/d",
	}} with input as t.deployment({"containers": [{"name": "a", "image": "app:v1"}]})
}

test_never_cronjob if {
	r := image_pull_policy.warn with input as t.cronjob({"containers": [{"name": "a", "image": "app", "imagePullPolicy": "Never"}]})
	{x.path | some x in r} == {array.concat(t.cronjob_spec, ["containers", 0, "imagePullPolicy"])}
}

test_always_or_defaults_to_always if {
	count(image_pull_policy.warn) == 0 with input as t.pod({"containers": [
		{"name": "a", "image": "app:v1", "imagePullPolicy": "Always"},
		{"name": "b", "image": "app"},
		{"name": "c", "image": "app:latest"},
		{"name": "d", "image": "app@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", "imagePullPolicy": "IfNotPresent"},
		{"name": "e", "image": "app:v1", "imagePullPolicy": "{{ .Values.pullPolicy }}"},
	]})
}

test_empty_policy_says_empty if {
	r := image_pull_policy.warn with input as t.pod({"containers": [{"name": "a", "image": "nginx:1.27", "imagePullPolicy": ""}]})
	[f.msg | some f in r] == [`Pod/p: container "a" pulls image nginx:1.27 with imagePullPolicy "" (empty)`]
}
