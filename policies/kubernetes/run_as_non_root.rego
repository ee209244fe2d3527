# METADATA
# title: Container may run as root
# description: >-
#   Unless `runAsNonRoot: true` is set (on the container, or on the pod and
#   not overridden) the container runs as whatever user its image declares,
#   often root. The restricted Pod Security Standard requires runAsNonRoot. A
#   container whose effective runAsUser is a known non-zero UID cannot run as
#   root and is not reported.
# related_resources:
#   - ref: https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted
#   - ref: https://kubernetes.io/docs/tasks/configure-pod-container/security-context/
# custom:
#   id: IG-K8S-010
#   severity: medium
#   remediation: |
#     Set runAsNonRoot on the pod (or on each container) and build images
#     with a numeric non-root USER:
#     ```yaml
#     spec:
#       securityContext:
#         runAsNonRoot: true
#     ```
package infragate.rules.kubernetes.run_as_non_root

import data.infragate.lib.kubernetes as k8s

keys := ["securityContext", "runAsNonRoot"]

deny contains {"msg": msg, "path": path, "resource": k8s.resource} if {
	some c in k8s.containers
	not non_root_uid(c)
	path := offending(c)
	msg := sprintf("%s: %s may run as root (runAsNonRoot is not true)", [k8s.label, c.label])
}

# The container sets runAsNonRoot to something other than true.
offending(c) := array.concat(c.path, keys) if {
	v := object.get(c.container, keys, null)
	v != null
	v != true
	not k8s.unknown(v)
} else := array.concat(k8s.pod_spec_path, keys) if {
	# The container leaves it to the pod, which does not set true.
	k8s.absent(c.container, keys)
	v := object.get(k8s.pod_spec, keys, null)
	v != null
	v != true
	not k8s.unknown(v)
} else := k8s.deepest(c.path, c.container, keys) if {
	# Set nowhere.
	k8s.absent(c.container, keys)
	k8s.absent(k8s.pod_spec, keys)
	not k8s.templated_along(c.container, keys)
	not k8s.templated_along(k8s.pod_spec, keys)
}

non_root_uid(c) if {
	uid := k8s.container_setting(c, "runAsUser").value
	is_number(uid)
	uid > 0
}
