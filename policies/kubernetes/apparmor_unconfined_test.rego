package infragate.rules.kubernetes.apparmor_unconfined_test

import data.infragate.lib.kubernetes_test as t
import data.infragate.rules.kubernetes.apparmor_unconfined

test_annotation_deployment if {
	obj := json.patch(t.deployment({"containers": [{"name": "a"}]}), [{"op": "add", "path": "/spec/template/metadata/annotations", "value": {"container.apparmor.security.beta.kubernetes.io/a": "unconfined"}}])
	apparmor_unconfined.deny == {{
		"msg": "Deployment/d: AppArmor annotation container.apparmor.security.beta.kubernetes.io/a is unconfined",
		"path": ["spec", "template", "metadata", "annotations", "container.apparmor.security.beta.kubernetes.io/a"],
		"resource": "Deployment/prod/d",
	}} with input as obj
}

test_fields_pod if {
	r := apparmor_unconfined.deny with input as t.pod({
		"securityContext": {"appArmorProfile": {"type": "Unconfined"}},
		"containers": [{"name": "a", "securityContext": {"appArmorProfile": {"type": "Unconfined"}}}],
	})
	{x.path | some x in r} == {
		["spec", "securityContext", "appArmorProfile", "type"],
		["spec", "containers", 0, "securityContext", "appArmorProfile", "type"],
	}
}

test_cronjob_container if {
	r := apparmor_unconfined.deny with input as t.cronjob({"initContainers": [{"name": "i", "securityContext": {"appArmorProfile": {"type": "Unconfined"}}}]})
	{x.msg | some x in r} == {`CronJob/cj: init container "i" AppArmor profile is Unconfined`}
}

test_runtime_default if {
	obj := json.patch(t.deployment({"securityContext": {"appArmorProfile": {"type": "RuntimeDefault"}}, "containers": [{"name": "a"}]}), [{"op": "add", "path": "/spec/template/metadata/annotations", "value": {"container.apparmor.security.beta.kubernetes.io/a": "runtime/default"}}])
	count(apparmor_unconfined.deny) == 0 with input as obj
}
