# METADATA
# title: Pod uses the host's IPC namespace (hostIPC)
# description: >-
#   A pod with `hostIPC: true` shares the host's IPC namespace, which lets its
#   containers see and interfere with processes and traffic of the node and
#   other pods. The baseline Pod Security Standard forbids it.
# related_resources:
#   - ref: https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline
# custom:
#   id: IG-K8S-004
#   severity: high
#   remediation: |
#     Remove `hostIPC` from the pod spec or set it to false:
#     ```yaml
#     spec:
#       hostIPC: false
#     ```
package infragate.rules.kubernetes.host_ipc

import data.infragate.lib.kubernetes as k8s

deny contains {"msg": msg, "path": path, "resource": k8s.resource} if {
	k8s.pod_spec.hostIPC == true
	path := array.concat(k8s.pod_spec_path, ["hostIPC"])
	msg := sprintf("%s: pod shares the host's IPC namespace (hostIPC: true)", [k8s.label])
}
