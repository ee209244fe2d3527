# METADATA
# title: Role grants escalate, bind or impersonate
# description: >-
#   `escalate` lets a subject create roles with permissions it does not have,
#   `bind` lets it bind any role to anyone, and `impersonate` lets it act as
#   other users, groups or service accounts: each is a path to cluster-admin.
#   A `*` verb is reported by IG-K8S-031.
# related_resources:
#   - ref: https://kubernetes.io/docs/concepts/security/rbac-good-practices/#escalate-verb
#   - ref: https://kubernetes.io/docs/reference/access-authn-authz/rbac/#privilege-escalation-prevention-and-bootstrapping
# custom:
#   id: IG-K8S-034
#   severity: high
#   remediation: |
#     Remove the verb; let an administrator create the roles and bindings the
#     subject needs.
package infragate.rules.kubernetes.rbac_escalation_verbs

import data.infragate.lib.kubernetes as k8s

deny contains {"msg": msg, "path": path, "resource": k8s.resource} if {
	k8s.kind in {"Role", "ClusterRole"}
	some i, rule in input.rules
	some j, verb in rule.verbs
	verb in {"escalate", "bind", "impersonate"}
	path := ["rules", i, "verbs", j]
	msg := sprintf("%s: rule %d grants %s", [k8s.label, i, verb])
}
