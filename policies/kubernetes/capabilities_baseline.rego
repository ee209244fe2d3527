# METADATA
# title: Container adds a capability beyond the baseline set
# description: >-
#   Linux capabilities such as SYS_ADMIN, NET_ADMIN, SYS_PTRACE or ALL give a
#   container root-like powers over the node. The baseline Pod Security
#   Standard only allows adding AUDIT_WRITE, CHOWN, DAC_OVERRIDE, FOWNER,
#   FSETID, KILL, MKNOD, NET_BIND_SERVICE, SETFCAP, SETGID, SETPCAP, SETUID
#   and SYS_CHROOT.
# related_resources:
#   - ref: https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline
#   - ref: https://kubernetes.io/docs/tasks/configure-pod-container/security-context/#set-capabilities-for-a-container
# custom:
#   id: IG-K8S-007
#   severity: high
#   remediation: |
#     Remove the capability from `capabilities.add`; drop everything and add
#     back only what the process needs:
#     ```yaml
#     securityContext:
#       capabilities:
#         drop: ["ALL"]
#         add: ["NET_BIND_SERVICE"]
#     ```
package infragate.rules.kubernetes.capabilities_baseline

import data.infragate.lib.kubernetes as k8s

deny contains {"msg": msg, "path": path, "resource": k8s.resource} if {
	some c in k8s.containers
	some j, cap in c.container.securityContext.capabilities.add
	is_string(cap)
	not k8s.unknown(cap)
	not k8s.capability_name(cap) in k8s.baseline_capabilities
	path := array.concat(c.path, ["securityContext", "capabilities", "add", j])
	msg := sprintf("%s: %s adds capability %s", [k8s.label, c.label, cap])
}
