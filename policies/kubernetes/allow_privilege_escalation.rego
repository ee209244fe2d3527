# METADATA
# title: Container allows privilege escalation
# description: >-
#   Unless `allowPrivilegeEscalation: false` is set, a process in the
#   container can gain more privileges than its parent (setuid binaries, file
#   capabilities). The restricted Pod Security Standard requires it to be
#   false on every container. Windows pods are exempt.
# related_resources:
#   - ref: https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted
# custom:
#   id: IG-K8S-012
#   severity: medium
#   remediation: |
#     ```yaml
#     securityContext:
#       allowPrivilegeEscalation: false
#     ```
package infragate.rules.kubernetes.allow_privilege_escalation

import data.infragate.lib.kubernetes as k8s

keys := ["securityContext", "allowPrivilegeEscalation"]

deny contains {"msg": msg, "path": path, "resource": k8s.resource} if {
	k8s.linux_pod
	some c in k8s.containers
	path := offending(c)
	msg := sprintf("%s: %s allows privilege escalation (allowPrivilegeEscalation is not false)", [k8s.label, c.label])
}

offending(c) := array.concat(c.path, keys) if {
	v := object.get(c.container, keys, null)
	v != null
	v != false
	not k8s.unknown(v)
} else := k8s.deepest(c.path, c.container, keys) if {
	k8s.absent(c.container, keys)
	not k8s.templated_along(c.container, keys)
}
