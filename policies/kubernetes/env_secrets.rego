# METADATA
# title: Secret in a plain environment variable
# description: >-
#   An environment variable whose name says it holds a password, token, secret
#   or key has a literal `value`: the secret is stored in the manifest, in
#   version control and in the object readable by everyone who can read the
#   workload. Reference a Secret with valueFrom instead.
# related_resources:
#   - ref: https://kubernetes.io/docs/concepts/configuration/secret/#using-secrets-as-environment-variables
#   - ref: https://kubernetes.io/docs/concepts/security/secrets-good-practices/
# custom:
#   id: IG-K8S-035
#   severity: high
#   remediation: |
#     ```yaml
#     env:
#       - name: DB_PASSWORD
#         valueFrom:
#           secretKeyRef:
#             name: db
#             key: password
#     ```
package infragate.rules.kubernetes.env_secrets

import data.infragate.lib.kubernetes as k8s

# Names that hold secrets, and suffixes that name something about a secret
# (where it is, how long it lives) rather than the secret itself.
secret_name := `(?i)(passw(or)?d|(^|[_.-])pwd($|[_.-])|secret|token|api[_.-]?key|private[_.-]?key|access[_.-]?key|credentials?($|[_.-]))`

not_a_secret := `(?i)[_.-](file|path|dir|url|uri|endpoint|name|ref|id|enabled|length|ttl|timeout|expiry|expiration|type|mode|header|host|port|user(name)?)$`

deny contains {"msg": msg, "path": path, "resource": k8s.resource} if {
	some c in k8s.containers
	some k, e in c.container.env
	name := e.name
	is_string(name)
	regex.match(secret_name, name)
	not regex.match(not_a_secret, name)
	value := e.value
	literal_secret(value)
	path := array.concat(c.path, ["env", k, "value"])
	msg := sprintf("%s: %s sets %s to a literal value; reference a Secret instead", [k8s.label, c.label, name])
}

literal_secret(v) if {
	is_string(v)
	trim_space(v) != ""
	not k8s.unknown(v)
	not contains(v, "$(")
	not startswith(v, "/")
	not lower(v) in {"true", "false", "yes", "no", "none", "null", "changeme"}
}
