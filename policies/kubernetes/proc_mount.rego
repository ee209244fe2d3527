# METADATA
# title: Container uses an unmasked /proc
# description: >-
#   `procMount: Unmasked` exposes the host's full /proc to the container,
#   bypassing the masked paths the runtime normally hides. The baseline Pod
#   Security Standard requires procMount to be unset or Default.
# related_resources:
#   - ref: https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline
# custom:
#   id: IG-K8S-015
#   severity: high
#   remediation: |
#     Remove `procMount` or set it to Default:
#     ```yaml
#     securityContext:
#       procMount: Default
#     ```
package infragate.rules.kubernetes.proc_mount

import data.infragate.lib.kubernetes as k8s

deny contains {"msg": msg, "path": path, "resource": k8s.resource} if {
	some c in k8s.containers
	v := c.container.securityContext.procMount
	v != null
	v != "Default"
	not k8s.unknown(v)
	path := array.concat(c.path, ["securityContext", "procMount"])
	msg := sprintf("%s: %s sets procMount %v", [k8s.label, c.label, v])
}
