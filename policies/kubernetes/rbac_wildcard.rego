# METADATA
# title: RBAC rule uses a wildcard
# description: >-
#   A `*` in a Role or ClusterRole rule's verbs, resources or apiGroups grants
#   everything that exists now and everything added later (new resources,
#   CRDs, subresources such as pods/exec). Grant the verbs and resources the
#   subject needs, by name.
# related_resources:
#   - ref: https://kubernetes.io/docs/concepts/security/rbac-good-practices/#least-privilege
# custom:
#   id: IG-K8S-031
#   severity: high
#   remediation: |
#     ```yaml
#     rules:
#       - apiGroups: ["apps"]
#         resources: ["deployments"]
#         verbs: ["get", "list", "watch"]
#     ```
package infragate.rules.kubernetes.rbac_wildcard

import data.infragate.lib.kubernetes as k8s

deny contains {"msg": msg, "path": path, "resource": k8s.resource} if {
	k8s.kind in {"Role", "ClusterRole"}
	some i, rule in input.rules
	some field in ["apiGroups", "resources", "verbs"]
	some j, value in rule[field]
	value == "*"
	path := ["rules", i, field, j]
	msg := sprintf("%s: rule %d grants %s \"*\"", [k8s.label, i, field])
}
