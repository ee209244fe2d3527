# METADATA
# title: Container runs privileged
# description: >-
#   A privileged container has every capability and full access to the host's
#   devices; escaping to the node is trivial. The baseline Pod Security
#   Standard forbids it for containers, init containers and ephemeral
#   containers.
# related_resources:
#   - ref: https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline
# custom:
#   id: IG-K8S-001
#   severity: high
#   remediation: |
#     Remove `privileged: true` or set it to false:
#     ```yaml
#     securityContext:
#       privileged: false
#     ```
package infragate.rules.kubernetes.privileged

import data.infragate.lib.kubernetes as k8s

deny contains {"msg": msg, "path": path, "resource": k8s.resource} if {
	some c in k8s.containers
	c.container.securityContext.privileged == true
	path := array.concat(c.path, ["securityContext", "privileged"])
	msg := sprintf("%s: %s runs privileged", [k8s.label, c.label])
}
