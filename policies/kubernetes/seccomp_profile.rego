# METADATA
# title: Seccomp profile not set
# description: >-
#   Without a seccomp profile most runtimes run containers Unconfined, with
#   every system call available. The restricted Pod Security Standard requires
#   `seccompProfile.type` RuntimeDefault or Localhost on the pod or on every
#   container. Profiles set explicitly to Unconfined are reported by
#   IG-K8S-013; Windows pods are exempt; the legacy seccomp annotations are
#   accepted.
# related_resources:
#   - ref: https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted
#   - ref: https://kubernetes.io/docs/tutorials/security/seccomp/
# custom:
#   id: IG-K8S-014
#   severity: medium
#   remediation: |
#     Set the runtime's default profile once for the whole pod:
#     ```yaml
#     spec:
#       securityContext:
#         seccompProfile:
#           type: RuntimeDefault
#     ```
package infragate.rules.kubernetes.seccomp_profile

import data.infragate.lib.kubernetes as k8s

keys := ["securityContext", "seccompProfile", "type"]

deny contains {"msg": msg, "path": path, "resource": k8s.resource} if {
	k8s.linux_pod
	some c in k8s.containers
	k8s.absent(c.container, keys)
	k8s.absent(k8s.pod_spec, keys)
	not k8s.templated_along(c.container, keys)
	not k8s.templated_along(k8s.pod_spec, keys)
	not annotated(c.name)
	path := k8s.deepest(c.path, c.container, keys)
	msg := sprintf("%s: %s has no seccomp profile (set RuntimeDefault or Localhost)", [k8s.label, c.label])
}

annotated(_) if confined(k8s.pod_annotations["seccomp.security.alpha.kubernetes.io/pod"])

annotated(name) if confined(k8s.pod_annotations[concat("", ["container.seccomp.security.alpha.kubernetes.io/", name])])

confined(v) if v in {"runtime/default", "docker/default"}

confined(v) if {
	is_string(v)
	startswith(v, "localhost/")
}
