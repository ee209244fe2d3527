# METADATA
# title: AppArmor profile is unconfined
# description: >-
#   An unconfined AppArmor profile removes the mandatory access control the
#   runtime's default profile applies to the container. The baseline Pod
#   Security Standard forbids `appArmorProfile.type: Unconfined` (pod or
#   container) and the `unconfined` value of the legacy
#   container.apparmor.security.beta.kubernetes.io annotation.
# related_resources:
#   - ref: https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline
#   - ref: https://kubernetes.io/docs/tutorials/security/apparmor/
# custom:
#   id: IG-K8S-017
#   severity: high
#   remediation: |
#     Use the runtime's default profile (or a Localhost profile):
#     ```yaml
#     securityContext:
#       appArmorProfile:
#         type: RuntimeDefault
#     ```
package infragate.rules.kubernetes.apparmor_unconfined

import data.infragate.lib.kubernetes as k8s

deny contains {"msg": msg, "path": path, "resource": k8s.resource} if {
	k8s.pod_spec.securityContext.appArmorProfile.type == "Unconfined"
	path := array.concat(k8s.pod_spec_path, ["securityContext", "appArmorProfile", "type"])
	msg := sprintf("%s: pod AppArmor profile is Unconfined", [k8s.label])
}

deny contains {"msg": msg, "path": path, "resource": k8s.resource} if {
	some c in k8s.containers
	c.container.securityContext.appArmorProfile.type == "Unconfined"
	path := array.concat(c.path, ["securityContext", "appArmorProfile", "type"])
	msg := sprintf("%s: %s AppArmor profile is Unconfined", [k8s.label, c.label])
}

deny contains {"msg": msg, "path": path, "resource": k8s.resource} if {
	some key, value in k8s.pod_annotations
	is_string(key)
	startswith(key, "container.apparmor.security.beta.kubernetes.io/")
	value == "unconfined"
	path := array.concat(k8s.pod_metadata_path, ["annotations", key])
	msg := sprintf("%s: AppArmor annotation %s is unconfined", [k8s.label, key])
}
