package infragate.rules.kubernetes.selinux_options_test

import data.infragate.lib.kubernetes_test as t
import data.infragate.rules.kubernetes.selinux_options

test_spc_type_pod if {
	selinux_options.deny == {{
		"msg": "Pod/p: pod sets SELinux type spc_t",
		"path": ["spec", "securityContext", "seLinuxOptions", "type"],
		"resource": "Pod/default/p",
	}} with input as t.pod({"securityContext": {"seLinuxOptions": {"type": "spc_t"}}, "containers": [{"name": "a"}]})
}

test_user_role_deployment if {
	r := selinux_options.deny with input as t.deployment({"containers": [{"name": "a", "securityContext": {"seLinuxOptions": {"user": "system_u", "role": "system_r"}}}]})
	r == {
		{"msg": `Deployment/d: container "a" sets SELinux user system_u`, "path": array.concat(t.deployment_spec, ["containers", 0, "securityContext", "seLinuxOptions", "user"]), "resource": "Deployment/prod/d"},
		{"msg": `Deployment/d: container "a" sets SELinux role system_r`, "path": array.concat(t.deployment_spec, ["containers", 0, "securityContext", "seLinuxOptions", "role"]), "resource": "Deployment/prod/d"},
	}
}

test_cronjob_container_type if {
	r := selinux_options.deny with input as t.cronjob({"containers": [{"name": "a", "securityContext": {"seLinuxOptions": {"type": "unconfined_t"}}}]})
	{x.path | some x in r} == {array.concat(t.cronjob_spec, ["containers", 0, "securityContext", "seLinuxOptions", "type"])}
}

test_allowed if {
	count(selinux_options.deny) == 0 with input as t.pod({"securityContext": {"seLinuxOptions": {"level": "s0:c1,c2"}}, "containers": [{"name": "a", "securityContext": {"seLinuxOptions": {"type": "container_init_t", "user": ""}}}]})
}
