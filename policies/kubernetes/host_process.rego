# METADATA
# title: Windows container runs as a host process
# description: >-
#   A Windows HostProcess container runs directly on the node with host
#   network access and node-level privileges. The baseline Pod Security
#   Standard forbids `windowsOptions.hostProcess: true` on the pod and on its
#   containers.
# related_resources:
#   - ref: https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline
#   - ref: https://kubernetes.io/docs/tasks/configure-pod-container/create-hostprocess-pod/
# custom:
#   id: IG-K8S-019
#   severity: high
#   remediation: |
#     Remove `hostProcess: true` (and `hostNetwork: true`) and run the
#     workload as a regular Windows container.
package infragate.rules.kubernetes.host_process

import data.infragate.lib.kubernetes as k8s

deny contains {"msg": msg, "path": path, "resource": k8s.resource} if {
	k8s.pod_spec.securityContext.windowsOptions.hostProcess == true
	path := array.concat(k8s.pod_spec_path, ["securityContext", "windowsOptions", "hostProcess"])
	msg := sprintf("%s: pod runs as a Windows host process", [k8s.label])
}

deny contains {"msg": msg, "path": path, "resource": k8s.resource} if {
	some c in k8s.containers
	c.container.securityContext.windowsOptions.hostProcess == true
	path := array.concat(c.path, ["securityContext", "windowsOptions", "hostProcess"])
	msg := sprintf("%s: %s runs as a Windows host process", [k8s.label, c.label])
}
