# METADATA
# title: Memory request not set
# description: >-
#   Without `resources.requests.memory` the scheduler may overcommit the
#   node's memory and the pod is among the first evicted. Checked on
#   containers and init containers.
# related_resources:
#   - ref: https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/
# custom:
#   id: IG-K8S-024
#   severity: low
#   remediation: |
#     ```yaml
#     resources:
#       requests:
#         memory: 128Mi
#     ```
package infragate.rules.kubernetes.memory_requests

import data.infragate.lib.kubernetes as k8s

keys := ["resources", "requests", "memory"]

deny contains {"msg": msg, "path": path, "resource": k8s.resource} if {
	some c in k8s.containers
	c.type in {"containers", "initContainers"}
	k8s.absent(c.container, keys)
	not k8s.templated_along(c.container, keys)
	path := k8s.deepest(c.path, c.container, keys)
	msg := sprintf("%s: %s has no memory request (resources.requests.memory)", [k8s.label, c.label])
}
