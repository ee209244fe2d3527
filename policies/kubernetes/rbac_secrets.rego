# METADATA
# title: Role can read Secrets
# description: >-
#   get, list or watch on secrets reveals every credential in scope (service
#   account tokens, TLS keys, passwords); list and watch return their
#   contents, not just names. Grant access to named Secrets with
#   resourceNames, or mount the Secret into the pod instead.
# related_resources:
#   - ref: https://kubernetes.io/docs/concepts/security/rbac-good-practices/#listing-secrets
# custom:
#   id: IG-K8S-033
#   severity: medium
#   remediation: |
#     Restrict the rule to the Secrets the subject needs:
#     ```yaml
#     rules:
#       - apiGroups: [""]
#         resources: ["secrets"]
#         resourceNames: ["app-config"]
#         verbs: ["get"]
#     ```
package infragate.rules.kubernetes.rbac_secrets

import data.infragate.lib.kubernetes as k8s

read_verbs := {"get", "list", "watch", "*"}

deny contains {"msg": msg, "path": path, "resource": k8s.resource} if {
	k8s.kind in {"Role", "ClusterRole"}
	some i, rule in input.rules
	core_group(rule)
	count(object.get(rule, "resourceNames", [])) == 0
	some j, res in rule.resources
	res == "secrets"
	verbs := {v | some v in rule.verbs; v in read_verbs}
	count(verbs) > 0
	path := ["rules", i, "resources", j]
	msg := sprintf("%s: rule %d can %s secrets", [k8s.label, i, concat("/", sort(verbs))])
}

core_group(rule) if not rule.apiGroups

core_group(rule) if {
	some g in rule.apiGroups
	g in {"", "*"}
}
