package infragate.rules.kubernetes.env_secrets_test

import data.infragate.lib.kubernetes_test as t
import data.infragate.rules.kubernetes.env_secrets

test_password_pod if {
	env_secrets.deny == {{
		"msg": `Pod/p: container "db" sets MYSQL_ROOT_PASSWORD to a literal value; reference a Secret instead`,
		"path": ["spec", "containers", 0, "env", 1, "value"],
		"resource": "Pod/default/p",
	}} with input as t.pod({"containers": [{"name": "db", "env": [
		{"name": "MYSQL_DATABASE", "value": "app"},
		{"name": "MYSQL_ROOT_PASSWORD", "value": "hunter2"},
	]}]})
}

test_token_and_key_deployment if {
	r := env_secrets.deny with input as t.deployment({"containers": [{"name": "a", "env": [
		{"name": "api_key", "value": "abc"},
		{"name": "GITHUB_TOKEN", "value": "ghp_x"},
		{"name": "DB_PWD", "value": "x"},
	]}]})
	{x.path | some x in r} == {
		array.concat(t.deployment_spec, ["containers", 0, "env", 0, "value"]),
		array.concat(t.deployment_spec, ["containers", 0, "env", 1, "value"]),
		array.concat(t.deployment_spec, ["containers", 0, "env", 2, "value"]),
	}
}

test_init_container_cronjob if {
	r := env_secrets.deny with input as t.cronjob({"initContainers": [{"name": "i", "env": [{"name": "CLIENT_SECRET", "value": "s3cr3t"}]}]})
	{x.path | some x in r} == {array.concat(t.cronjob_spec, ["initContainers", 0, "env", 0, "value"])}
}

test_not_secrets if {
	count(env_secrets.deny) == 0 with input as t.pod({"containers": [{"name": "a", "env": [
		{"name": "DB_PASSWORD", "valueFrom": {"secretKeyRef": {"name": "db", "key": "password"}}},
		{"name": "DB_PASSWORD_FILE", "value": "/run/secrets/db"},
		{"name": "TOKEN_URL", "value": "https://example.com/token"},
		{"name": "SECRET_NAME", "value": "db"},
		{"name": "API_KEY", "value": "{{ .Values.apiKey }}"},
		{"name": "API_TOKEN", "value": "$(TOKEN_FROM_ENV)"},
		{"name": "PASSWORD", "value": ""},
		{"name": "LOG_LEVEL", "value": "debug"},
	]}]})
}
