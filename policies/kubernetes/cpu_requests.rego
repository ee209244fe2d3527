# METADATA
# title: CPU request not set
# description: >-
#   Without `resources.requests.cpu` the scheduler cannot place the pod by its
#   real needs and it gets the lowest QoS class. Checked on containers and
#   init containers.
# related_resources:
#   - ref: https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/
# custom:
#   id: IG-K8S-022
#   severity: low
#   remediation: |
#     ```yaml
#     resources:
#       requests:
#         cpu: 100m
#     ```
package infragate.rules.kubernetes.cpu_requests

import data.infragate.lib.kubernetes as k8s

keys := ["resources", "requests", "cpu"]

deny contains {"msg": msg, "path": path, "resource": k8s.resource} if {
	some c in k8s.containers
	c.type in {"containers", "initContainers"}
	k8s.absent(c.container, keys)
	not k8s.templated_along(c.container, keys)
	path := k8s.deepest(c.path, c.container, keys)
	msg := sprintf("%s: %s has no CPU request (resources.requests.cpu)", [k8s.label, c.label])
}
