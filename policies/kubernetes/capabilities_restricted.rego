# METADATA
# title: Container adds a capability other than NET_BIND_SERVICE
# description: >-
#   The restricted Pod Security Standard allows a container to add back only
#   NET_BIND_SERVICE after dropping ALL. This rule reports the capabilities
#   the baseline standard tolerates (CHOWN, SETUID, KILL, ...) but the
#   restricted one does not; anything beyond the baseline set is reported by
#   IG-K8S-007.
# related_resources:
#   - ref: https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted
# custom:
#   id: IG-K8S-009
#   severity: medium
#   remediation: |
#     Add back only NET_BIND_SERVICE, and only when the process binds a port
#     below 1024:
#     ```yaml
#     securityContext:
#       capabilities:
#         drop: ["ALL"]
#         add: ["NET_BIND_SERVICE"]
#     ```
package infragate.rules.kubernetes.capabilities_restricted

import data.infragate.lib.kubernetes as k8s

deny contains {"msg": msg, "path": path, "resource": k8s.resource} if {
	k8s.linux_pod
	some c in k8s.containers
	some j, cap in c.container.securityContext.capabilities.add
	name := k8s.capability_name(cap)
	name in k8s.baseline_capabilities
	name != "NET_BIND_SERVICE"
	path := array.concat(c.path, ["securityContext", "capabilities", "add", j])
	msg := sprintf("%s: %s adds capability %s (only NET_BIND_SERVICE is allowed)", [k8s.label, c.label, cap])
}
