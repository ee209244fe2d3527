# METADATA
# title: Secret manifest holds its values in the repository
# description: >-
#   A Secret with data or stringData in a manifest stores the secret in
#   version control (base64 is an encoding, not encryption): everyone who can
#   read the repository, its forks and its history has it. In a GitOps
#   repository, commit an encrypted form instead (SealedSecret, a SOPS-encrypted
#   file) or a reference (ExternalSecret, a CSI secret store). Empty values,
#   templated values and SOPS-encrypted values are not reported.
# related_resources:
#   - ref: https://kubernetes.io/docs/concepts/security/secrets-good-practices/
#   - ref: https://kubernetes.io/docs/concepts/configuration/secret/
# custom:
#   id: IG-K8S-040
#   severity: high
#   remediation: |
#     Rotate the secret, remove it from the manifest, and commit a reference
#     or an encrypted form instead, for example:
#     ```yaml
#     apiVersion: external-secrets.io/v1
#     kind: ExternalSecret
#     metadata:
#       name: db
#     spec:
#       secretStoreRef: {name: vault, kind: ClusterSecretStore}
#       target: {name: db}
#       data:
#         - secretKey: password
#           remoteRef: {key: prod/db, property: password}
#     ```
package infragate.rules.kubernetes.secret_data

import data.infragate.lib.kubernetes as k8s

deny contains {"msg": msg, "path": [field, key], "resource": k8s.resource} if {
	k8s.kind == "Secret"
	not input.sops
	some field in ["data", "stringData"]
	some key, v in values(field)
	not key in public_keys
	not regex.match(setting_key, key)
	is_string(v)
	trim_space(v) != ""
	not k8s.unknown(v)
	not startswith(v, "ENC[")
	msg := sprintf("%s: %s.%s holds a secret value in the manifest", [k8s.label, field, key])
}

# values are the entries of data or stringData, read by name so that the
# engine sees which parts of input the rule reads (engine/projection.go).
values("data") := input.data

values("stringData") := input.stringData

# Keys that name a setting stored beside the secret (Argo CD repository
# Secrets hold url, type, project and username next to the password).
setting_key := `(?i)(url|uri|type|name|project|user|host|port|endpoint|region|namespace|id)$`

# Keys of a TLS Secret that hold public certificates.
public_keys := {"ca.crt", "tls.crt"}
