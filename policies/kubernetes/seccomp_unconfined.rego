# METADATA
# title: Seccomp profile is Unconfined
# description: >-
#   An Unconfined seccomp profile lets the container make every system call,
#   including the ones most kernel exploits need. The baseline Pod Security
#   Standard forbids `seccompProfile.type: Unconfined` on the pod and on its
#   containers (and the equivalent legacy `unconfined` annotations).
# related_resources:
#   - ref: https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline
#   - ref: https://kubernetes.io/docs/tutorials/security/seccomp/
# custom:
#   id: IG-K8S-013
#   severity: high
#   remediation: |
#     Use the container runtime's default profile:
#     ```yaml
#     securityContext:
#       seccompProfile:
#         type: RuntimeDefault
#     ```
package infragate.rules.kubernetes.seccomp_unconfined

import data.infragate.lib.kubernetes as k8s

deny contains {"msg": msg, "path": path, "resource": k8s.resource} if {
	k8s.pod_spec.securityContext.seccompProfile.type == "Unconfined"
	path := array.concat(k8s.pod_spec_path, ["securityContext", "seccompProfile", "type"])
	msg := sprintf("%s: pod seccomp profile is Unconfined", [k8s.label])
}

deny contains {"msg": msg, "path": path, "resource": k8s.resource} if {
	some c in k8s.containers
	c.container.securityContext.seccompProfile.type == "Unconfined"
	path := array.concat(c.path, ["securityContext", "seccompProfile", "type"])
	msg := sprintf("%s: %s seccomp profile is Unconfined", [k8s.label, c.label])
}

deny contains {"msg": msg, "path": path, "resource": k8s.resource} if {
	some key, value in k8s.pod_annotations
	is_string(key)
	key == "seccomp.security.alpha.kubernetes.io/pod"
	value == "unconfined"
	path := array.concat(k8s.pod_metadata_path, ["annotations", key])
	msg := sprintf("%s: pod seccomp annotation is unconfined", [k8s.label])
}

deny contains {"msg": msg, "path": path, "resource": k8s.resource} if {
	some key, value in k8s.pod_annotations
	is_string(key)
	startswith(key, "container.seccomp.security.alpha.kubernetes.io/")
	value == "unconfined"
	path := array.concat(k8s.pod_metadata_path, ["annotations", key])
	msg := sprintf("%s: seccomp annotation %s is unconfined", [k8s.label, key])
}
