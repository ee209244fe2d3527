# METADATA
# title: Container runs as UID 0
# description: >-
#   `runAsUser: 0` runs the container's processes as root, which turns any
#   container escape or writable host mount into root on the node. The
#   restricted Pod Security Standard forbids runAsUser 0 on the pod and on
#   every container.
# related_resources:
#   - ref: https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted
# custom:
#   id: IG-K8S-011
#   severity: high
#   remediation: |
#     Run as a non-zero UID:
#     ```yaml
#     securityContext:
#       runAsUser: 10001
#       runAsNonRoot: true
#     ```
package infragate.rules.kubernetes.run_as_root_user

import data.infragate.lib.kubernetes as k8s

deny contains {"msg": msg, "path": s.path, "resource": k8s.resource} if {
	some c in k8s.containers
	s := k8s.container_setting(c, "runAsUser")
	s.value == 0
	msg := sprintf("%s: %s runs as UID 0 (root)", [k8s.label, c.label])
}
