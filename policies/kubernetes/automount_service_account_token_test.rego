package infragate.rules.kubernetes.automount_service_account_token_test

import data.infragate.lib.kubernetes_test as t
import data.infragate.rules.kubernetes.automount_service_account_token

test_missing_deployment if {
	automount_service_account_token.warn == {{
		"msg": "Deployment/d: pod mounts a service account token (automountServiceAccountToken is not false)",
		"path": t.deployment_spec,
		"resource": "Deployment/prod/d",
	}} with input as t.deployment({"containers": [{"name": "a"}]})
}

test_true_pod if {
	r := automount_service_account_token.warn with input as t.pod({"automountServiceAccountToken": true, "containers": [{"name": "a"}]})
	{x.path | some x in r} == {["spec", "automountServiceAccountToken"]}
}

test_missing_cronjob if {
	r := automount_service_account_token.warn with input as t.cronjob({"containers": [{"name": "a"}]})
	{x.path | some x in r} == {t.cronjob_spec}
}

test_disabled if {
	count(automount_service_account_token.warn) == 0 with input as t.pod({"automountServiceAccountToken": false, "containers": [{"name": "a"}]})
	count(automount_service_account_token.warn) == 0 with input as t.pod({"automountServiceAccountToken": "{{ .Values.automount }}"})
}
