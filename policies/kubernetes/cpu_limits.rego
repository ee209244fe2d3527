# METADATA
# title: CPU limit not set
# description: >-
#   Without `resources.limits.cpu` one container can starve every other
#   workload on the node of CPU. Checked on containers and init containers.
# related_resources:
#   - ref: https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/
# custom:
#   id: IG-K8S-023
#   severity: low
#   remediation: |
#     ```yaml
#     resources:
#       limits:
#         cpu: 500m
#     ```
package infragate.rules.kubernetes.cpu_limits

import data.infragate.lib.kubernetes as k8s

keys := ["resources", "limits", "cpu"]

deny contains {"msg": msg, "path": path, "resource": k8s.resource} if {
	some c in k8s.containers
	c.type in {"containers", "initContainers"}
	k8s.absent(c.container, keys)
	not k8s.templated_along(c.container, keys)
	path := k8s.deepest(c.path, c.container, keys)
	msg := sprintf("%s: %s has no CPU limit (resources.limits.cpu)", [k8s.label, c.label])
}
