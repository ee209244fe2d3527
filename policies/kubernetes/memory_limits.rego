# METADATA
# title: Memory limit not set
# description: >-
#   Without `resources.limits.memory` a leak or a burst in one container can
#   exhaust the node's memory and get other pods killed. Checked on containers
#   and init containers.
# related_resources:
#   - ref: https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/
# custom:
#   id: IG-K8S-025
#   severity: medium
#   remediation: |
#     ```yaml
#     resources:
#       limits:
#         memory: 256Mi
#     ```
package infragate.rules.kubernetes.memory_limits

import data.infragate.lib.kubernetes as k8s

keys := ["resources", "limits", "memory"]

deny contains {"msg": msg, "path": path, "resource": k8s.resource} if {
	some c in k8s.containers
	c.type in {"containers", "initContainers"}
	k8s.absent(c.container, keys)
	not k8s.templated_along(c.container, keys)
	path := k8s.deepest(c.path, c.container, keys)
	msg := sprintf("%s: %s has no memory limit (resources.limits.memory)", [k8s.label, c.label])
}
