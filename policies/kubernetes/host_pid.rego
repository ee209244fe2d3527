# METADATA
# title: Pod uses the host's process ID namespace (hostPID)
# description: >-
#   A pod with `hostPID: true` shares the host's process ID namespace, which
#   lets its containers see and interfere with processes and traffic of the
#   node and other pods. The baseline Pod Security Standard forbids it.
# related_resources:
#   - ref: https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline
# custom:
#   id: IG-K8S-003
#   severity: high
#   remediation: |
#     Remove `hostPID` from the pod spec or set it to false:
#     ```yaml
#     spec:
#       hostPID: false
#     ```
package infragate.rules.kubernetes.host_pid

import data.infragate.lib.kubernetes as k8s

deny contains {"msg": msg, "path": path, "resource": k8s.resource} if {
	k8s.pod_spec.hostPID == true
	path := array.concat(k8s.pod_spec_path, ["hostPID"])
	msg := sprintf("%s: pod shares the host's process ID namespace (hostPID: true)", [k8s.label])
}
