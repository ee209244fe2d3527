# METADATA
# title: Service account token is mounted
# description: >-
#   Unless `automountServiceAccountToken: false` is set, every container gets
#   a token for the pod's service account: code execution in any container
#   becomes API access. Most applications never call the Kubernetes API.
# related_resources:
#   - ref: https://kubernetes.io/docs/tasks/configure-pod-container/configure-service-account/#opt-out-of-api-credential-automounting
#   - ref: https://kubernetes.io/docs/concepts/security/service-accounts/
# custom:
#   id: IG-K8S-038
#   severity: low
#   remediation: |
#     ```yaml
#     spec:
#       automountServiceAccountToken: false
#     ```
package infragate.rules.kubernetes.automount_service_account_token

import data.infragate.lib.kubernetes as k8s

warn contains {"msg": msg, "path": path, "resource": k8s.resource} if {
	v := object.get(k8s.pod_spec, "automountServiceAccountToken", null)
	v != false
	not k8s.unknown(v)
	path := mounted_path(v)
	msg := sprintf("%s: pod mounts a service account token (automountServiceAccountToken is not false)", [k8s.label])
}

mounted_path(v) := k8s.pod_spec_path if {
	v == null
} else := array.concat(k8s.pod_spec_path, ["automountServiceAccountToken"])
