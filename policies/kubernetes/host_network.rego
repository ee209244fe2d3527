# METADATA
# title: Pod uses the host's network namespace (hostNetwork)
# description: >-
#   A pod with `hostNetwork: true` uses the host's network namespace, which
#   lets its containers see and interfere with processes and traffic of the
#   node and other pods. The baseline Pod Security Standard forbids it.
# related_resources:
#   - ref: https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline
# custom:
#   id: IG-K8S-002
#   severity: high
#   remediation: |
#     Remove `hostNetwork` from the pod spec or set it to false:
#     ```yaml
#     spec:
#       hostNetwork: false
#     ```
package infragate.rules.kubernetes.host_network

import data.infragate.lib.kubernetes as k8s

deny contains {"msg": msg, "path": path, "resource": k8s.resource} if {
	k8s.pod_spec.hostNetwork == true
	path := array.concat(k8s.pod_spec_path, ["hostNetwork"])
	msg := sprintf("%s: pod uses the host's network namespace (hostNetwork: true)", [k8s.label])
}
