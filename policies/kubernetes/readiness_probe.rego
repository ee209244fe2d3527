# METADATA
# title: Container has no readiness probe
# description: >-
#   Without a readiness probe Kubernetes only knows whether the process runs;
#   with one, it holds traffic back until the container can serve and stops it
#   when it cannot. Checked on the regular containers of long-running
#   workloads (not Jobs, CronJobs and KEDA ScaledJobs, whose containers exit).
# related_resources:
#   - ref: https://kubernetes.io/docs/tasks/configure-pod-container/configure-liveness-readiness-startup-probes/
# custom:
#   id: IG-K8S-029
#   severity: low
#   remediation: |
#     ```yaml
#     readinessProbe:
#       httpGet:
#         path: /ready
#         port: 8080
#     ```
package infragate.rules.kubernetes.readiness_probe

import data.infragate.lib.kubernetes as k8s

warn contains {"msg": msg, "path": c.path, "resource": k8s.resource} if {
	not k8s.kind in k8s.batch_kinds
	some c in k8s.containers
	c.type == "containers"
	k8s.absent(c.container, ["readinessProbe"])
	msg := sprintf("%s: %s has no readiness probe", [k8s.label, c.label])
}
