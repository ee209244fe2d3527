# METADATA
# title: Custom SELinux type, user or role
# description: >-
#   Setting a custom SELinux type (for example spc_t, super-privileged), user
#   or role can lift the confinement the container runtime applies. The
#   baseline Pod Security Standard allows only the types container_t,
#   container_init_t, container_kvm_t and container_engine_t, and forbids
#   setting user or role, on the pod and on its containers.
# related_resources:
#   - ref: https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline
# custom:
#   id: IG-K8S-018
#   severity: high
#   remediation: |
#     Remove `seLinuxOptions.user`, `seLinuxOptions.role` and any type other
#     than the container types; a level is allowed:
#     ```yaml
#     securityContext:
#       seLinuxOptions:
#         level: "s0:c123,c456"
#     ```
package infragate.rules.kubernetes.selinux_options

import data.infragate.lib.kubernetes as k8s

allowed_types := {"", "container_t", "container_init_t", "container_kvm_t", "container_engine_t"}

# Every securityContext of the pod: the pod's own and each container's.
contexts contains {"sc": k8s.pod_spec.securityContext, "path": array.concat(k8s.pod_spec_path, ["securityContext"]), "who": "pod"}

contexts contains {"sc": c.container.securityContext, "path": array.concat(c.path, ["securityContext"]), "who": c.label} if {
	some c in k8s.containers
}

deny contains {"msg": msg, "path": path, "resource": k8s.resource} if {
	some ctx in contexts
	t := ctx.sc.seLinuxOptions.type
	is_string(t)
	not t in allowed_types
	not k8s.unknown(t)
	path := array.concat(ctx.path, ["seLinuxOptions", "type"])
	msg := sprintf("%s: %s sets SELinux type %s", [k8s.label, ctx.who, t])
}

deny contains {"msg": msg, "path": path, "resource": k8s.resource} if {
	some ctx in contexts
	some field in ["user", "role"]
	v := ctx.sc.seLinuxOptions[field]
	is_string(v)
	v != ""
	not k8s.unknown(v)
	path := array.concat(ctx.path, ["seLinuxOptions", field])
	msg := sprintf("%s: %s sets SELinux %s %s", [k8s.label, ctx.who, field, v])
}
