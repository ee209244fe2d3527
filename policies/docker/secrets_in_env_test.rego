package infragate.rules.docker.secrets_in_env_test

import data.infragate.lib.docker_test.ins
import data.infragate.lib.docker_test.locs
import data.infragate.rules.docker.secrets_in_env.deny

test_secrets if {
	r := deny with input as [
		ins("from", ["debian:12"], 0),
		ins("env", ["APP_PORT", "8080", "=", "DB_PASSWORD", "hunter2", "="], 0),
		ins("arg", ["NPM_TOKEN=npm_abc123", "VERSION=1"], 0),
		ins("env", ["Api_Key", "k-123", " "], 0),
	]
	locs(r) == {["stage 0", [1]], ["stage 0", [2]], ["stage 0", [3]]}
	{f.msg | some f in r} == {
		"ENV DB_PASSWORD sets a literal secret in the image",
		"ARG NPM_TOKEN has a literal secret as its default",
		"ENV Api_Key sets a literal secret in the image",
	}
}

test_references_files_and_empty_pass if {
	count(deny) == 0 with input as [
		ins("from", ["debian:12"], 0),
		ins("arg", ["GITHUB_TOKEN"], 0),
		ins("env", ["GITHUB_TOKEN", "${GITHUB_TOKEN}"], 0),
		ins("env", ["DB_PASSWORD_FILE", "/run/secrets/db", "=", "AWS_ACCESS_KEY_ID", "AKIA", "="], 0),
		ins("env", ["SECRET", `""`, "USE_TOKEN_AUTH", "true"], 0),
		ins("arg", ["TOKEN_URL=https://auth.example.com/token"], 0),
	]
}
