package infragate.rules.kubernetes.image_tag_test

import data.infragate.lib.kubernetes_test as t
import data.infragate.rules.kubernetes.image_tag

test_latest_pod if {
	image_tag.deny == {{
		"msg": `Pod/p: container "a" image nginx:latest uses the latest tag`,
		"path": ["spec", "containers", 0, "image"],
		"resource": "Pod/default/p",
	}} with input as t.pod({"containers": [{"name": "a", "image": "nginx:latest"}]})
}

test_no_tag_deployment if {
	r := image_tag.deny with input as t.deployment({"containers": [{"name": "a", "image": "registry.example.com:5000/team/app"}]})
	r == {{
		"msg": `Deployment/d: container "a" image registry.example.com:5000/team/app has no tag`,
		"path": array.concat(t.deployment_spec, ["containers", 0, "image"]),
		"resource": "Deployment/prod/d",
	}}
}

test_init_container_cronjob if {
	r := image_tag.deny with input as t.cronjob({"initContainers": [{"name": "i", "image": "busybox"}]})
	{x.path | some x in r} == {array.concat(t.cronjob_spec, ["initContainers", 0, "image"])}
}

test_pinned if {
	count(image_tag.deny) == 0 with input as t.pod({"containers": [
		{"name": "a", "image": "nginx:1.27.2"},
		{"name": "b", "image": "registry.example.com:5000/app:v2"},
		{"name": "c", "image": "nginx@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"},
		{"name": "d", "image": "{{ .Values.image.repository }}"},
		{"name": "e", "image": "${IMAGE}"},
		{"name": "f"},
	]})
}

test_blank_image_says_empty if {
	r := image_tag.deny with input as t.pod({"containers": [{"name": "a", "image": " "}]})
	[f.msg | some f in r] == [`Pod/p: container "a" image " " (empty) has no tag`]
}
