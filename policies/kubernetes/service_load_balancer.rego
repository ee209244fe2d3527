# METADATA
# title: Service of type LoadBalancer
# description: >-
#   A Service of type LoadBalancer provisions a cloud load balancer, usually
#   with a public address, for this Service alone. Expose HTTP workloads
#   through an Ingress or Gateway and keep Services internal unless exposure
#   is intended (for an internal load balancer, use your cloud's internal
#   annotation).
# related_resources:
#   - ref: https://kubernetes.io/docs/concepts/services-networking/service/#publishing-services-service-types
# custom:
#   id: IG-K8S-037
#   severity: low
#   remediation: |
#     ```yaml
#     spec:
#       type: ClusterIP
#     ```
package infragate.rules.kubernetes.service_load_balancer

import data.infragate.lib.kubernetes as k8s

warn contains {"msg": msg, "path": ["spec", "type"], "resource": k8s.resource} if {
	k8s.kind == "Service"
	input.spec.type == "LoadBalancer"
	msg := sprintf("%s: Service is of type LoadBalancer", [k8s.label])
}
