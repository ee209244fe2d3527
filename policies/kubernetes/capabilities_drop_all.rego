# METADATA
# title: Container does not drop all capabilities
# description: >-
#   Container runtimes grant a default set of Linux capabilities (NET_RAW,
#   CHOWN, SETUID, ...). The restricted Pod Security Standard requires every
#   container to drop ALL of them and add back only NET_BIND_SERVICE when
#   needed. Windows pods (spec.os.name: windows) are exempt.
# related_resources:
#   - ref: https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted
# custom:
#   id: IG-K8S-008
#   severity: medium
#   remediation: |
#     ```yaml
#     securityContext:
#       capabilities:
#         drop: ["ALL"]
#     ```
package infragate.rules.kubernetes.capabilities_drop_all

import data.infragate.lib.kubernetes as k8s

keys := ["securityContext", "capabilities", "drop"]

deny contains {"msg": msg, "path": path, "resource": k8s.resource} if {
	k8s.linux_pod
	some c in k8s.containers
	not drops_all(c.container)
	not k8s.templated_along(c.container, keys)
	not templated_entry(c.container)
	path := k8s.deepest(c.path, c.container, keys)
	msg := sprintf("%s: %s does not drop ALL capabilities", [k8s.label, c.label])
}

drops_all(c) if {
	some x in c.securityContext.capabilities.drop
	k8s.capability_name(x) == "ALL"
}

templated_entry(c) if {
	some x in c.securityContext.capabilities.drop
	k8s.unknown(x)
}
