# METADATA
# title: Service of type NodePort
# description: >-
#   A Service of type NodePort opens the port on every node's address, outside
#   any ingress or load balancer controls. Expose HTTP workloads through an
#   Ingress or Gateway and keep Services internal unless exposure is intended
#   (for an internal load balancer, use your cloud's internal annotation).
# related_resources:
#   - ref: https://kubernetes.io/docs/concepts/services-networking/service/#publishing-services-service-types
# custom:
#   id: IG-K8S-036
#   severity: low
#   remediation: |
#     ```yaml
#     spec:
#       type: ClusterIP
#     ```
package infragate.rules.kubernetes.service_node_port

import data.infragate.lib.kubernetes as k8s

warn contains {"msg": msg, "path": ["spec", "type"], "resource": k8s.resource} if {
	k8s.kind == "Service"
	input.spec.type == "NodePort"
	msg := sprintf("%s: Service is of type NodePort", [k8s.label])
}
