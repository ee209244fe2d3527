# METADATA
# title: Pod mounts a hostPath volume
# description: >-
#   A hostPath volume exposes the node's file system to the pod (for example
#   the container runtime socket or /etc), a common route to take over the
#   node. The baseline Pod Security Standard forbids hostPath volumes.
# related_resources:
#   - ref: https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline
#   - ref: https://kubernetes.io/docs/concepts/storage/volumes/#hostpath
# custom:
#   id: IG-K8S-005
#   severity: high
#   remediation: |
#     Use a volume type that does not reach into the node, such as emptyDir,
#     a ConfigMap, a Secret or a PersistentVolumeClaim:
#     ```yaml
#     volumes:
#       - name: data
#         persistentVolumeClaim:
#           claimName: data
#     ```
package infragate.rules.kubernetes.host_path

import data.infragate.lib.kubernetes as k8s

deny contains {"msg": msg, "path": path, "resource": k8s.resource} if {
	some i, v in k8s.pod_spec.volumes
	is_object(v)
	"hostPath" in object.keys(v)
	path := array.concat(k8s.pod_spec_path, ["volumes", i, "hostPath"])
	msg := sprintf("%s: volume %q mounts host path %q", [k8s.label, object.get(v, "name", sprintf("#%d", [i])), host_path(v)])
}

host_path(v) := v.hostPath.path if {
	is_string(v.hostPath.path)
} else := "(unset)"
