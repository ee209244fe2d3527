# METADATA
# title: Container binds a host port
# description: >-
#   A hostPort publishes the container directly on the node's network
#   interface, bypassing Services and network policies, and pins the pod to
#   nodes where the port is free. The baseline Pod Security Standard requires
#   hostPort to be unset or 0.
# related_resources:
#   - ref: https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline
# custom:
#   id: IG-K8S-006
#   severity: medium
#   remediation: |
#     Remove `hostPort` and expose the port through a Service:
#     ```yaml
#     ports:
#       - containerPort: 8080
#     ```
package infragate.rules.kubernetes.host_port

import data.infragate.lib.kubernetes as k8s

deny contains {"msg": msg, "path": path, "resource": k8s.resource} if {
	some c in k8s.containers
	some j, p in c.container.ports
	hp := p.hostPort
	hp != 0
	hp != null
	not k8s.unknown(hp)
	path := array.concat(c.path, ["ports", j, "hostPort"])
	msg := sprintf("%s: %s binds host port %v", [k8s.label, c.label, hp])
}
