# METADATA
# title: Secret in ENV or ARG
# description: >-
#   An ENV or ARG whose name looks like a credential (PASSWORD, SECRET, TOKEN,
#   API_KEY, ACCESS_KEY, PRIVATE_KEY, CREDENTIALS) with a literal value stores
#   the secret in the image (ENV) or its build history (ARG), where anyone who
#   can pull the image can read it. Names of files, paths and URLs, and values
#   from build variables, are not reported.
# related_resources:
#   - ref: https://docs.docker.com/reference/dockerfile/#env
#   - ref: https://docs.docker.com/build/building/secrets/
# custom:
#   id: IG-DOCKER-005
#   severity: high
#   remediation: |
#     Mount the secret for the build step that needs it, and pass runtime secrets at run time:
#       RUN --mount=type=secret,id=npm_token \
#           NPM_TOKEN=$(cat /run/secrets/npm_token) npm ci
package infragate.rules.docker.secrets_in_env

import data.infragate.lib.docker

secret_name := `(?i)(passw(or)?d|secret|token|api_?key|access_?key|private_?key|credential)`

not_secret_name := `(?i)_(file|path|dir|url|uri|endpoint|name|id|type|length|ttl|header|env)$`

deny contains {"msg": msg, "path": [i], "resource": docker.resource(ins)} if {
	some i, ins in docker.instructions("env")
	some [name, value] in docker.env_pairs(ins)
	secret(name, value)
	msg := sprintf("ENV %s sets a literal secret in the image", [name])
}

deny contains {"msg": msg, "path": [i], "resource": docker.resource(ins)} if {
	some i, ins in docker.instructions("arg")
	some word in ins.Value
	is_string(word)
	n := indexof(word, "=")
	n > 0
	name := substring(word, 0, n)
	secret(name, substring(word, n + 1, -1))
	msg := sprintf("ARG %s has a literal secret as its default", [name])
}

secret(name, value) if {
	is_string(name)
	is_string(value)
	regex.match(secret_name, name)
	not regex.match(not_secret_name, name)
	trim(value, `"' `) != ""
	not docker.unknown(value)
	not lower(value) in {"true", "false"}
}
