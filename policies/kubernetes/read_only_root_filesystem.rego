# METADATA
# title: Container root filesystem is writable
# description: >-
#   A writable root filesystem lets an attacker who gets code execution modify
#   binaries and drop tools inside the container. Mount the image read-only
#   and give the process emptyDir volumes for the paths it must write. Checked
#   on containers and init containers.
# related_resources:
#   - ref: https://kubernetes.io/docs/tasks/configure-pod-container/security-context/
# custom:
#   id: IG-K8S-021
#   severity: low
#   remediation: |
#     ```yaml
#     securityContext:
#       readOnlyRootFilesystem: true
#     volumeMounts:
#       - name: tmp
#         mountPath: /tmp
#     ```
package infragate.rules.kubernetes.read_only_root_filesystem

import data.infragate.lib.kubernetes as k8s

keys := ["securityContext", "readOnlyRootFilesystem"]

deny contains {"msg": msg, "path": path, "resource": k8s.resource} if {
	some c in k8s.containers
	c.type in {"containers", "initContainers"}
	path := offending(c)
	msg := sprintf("%s: %s has a writable root filesystem (readOnlyRootFilesystem is not true)", [k8s.label, c.label])
}

offending(c) := array.concat(c.path, keys) if {
	v := object.get(c.container, keys, null)
	v != null
	v != true
	not k8s.unknown(v)
} else := k8s.deepest(c.path, c.container, keys) if {
	k8s.absent(c.container, keys)
	not k8s.templated_along(c.container, keys)
}
