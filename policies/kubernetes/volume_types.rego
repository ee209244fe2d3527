# METADATA
# title: Volume type not allowed by the restricted standard
# description: >-
#   The restricted Pod Security Standard allows only configMap, csi,
#   downwardAPI, emptyDir, ephemeral, persistentVolumeClaim, projected and
#   secret volumes; other in-tree types (nfs, iscsi, gitRepo, cephfs, ...)
#   bypass the storage layer's access control and several are deprecated.
#   hostPath volumes are reported by IG-K8S-005.
# related_resources:
#   - ref: https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted
# custom:
#   id: IG-K8S-020
#   severity: low
#   remediation: |
#     Provision the storage as a PersistentVolume and mount it through a
#     claim:
#     ```yaml
#     volumes:
#       - name: data
#         persistentVolumeClaim:
#           claimName: data
#     ```
package infragate.rules.kubernetes.volume_types

import data.infragate.lib.kubernetes as k8s

allowed := {
	"name",
	"configMap",
	"csi",
	"downwardAPI",
	"emptyDir",
	"ephemeral",
	"persistentVolumeClaim",
	"projected",
	"secret",
	"hostPath",
}

deny contains {"msg": msg, "path": path, "resource": k8s.resource} if {
	some i, v in k8s.pod_spec.volumes
	is_object(v)
	some t, _ in v
	not t in allowed
	path := array.concat(k8s.pod_spec_path, ["volumes", i, t])
	msg := sprintf("%s: volume %q is of type %s, not allowed by the restricted standard", [k8s.label, object.get(v, "name", sprintf("#%d", [i])), t])
}
