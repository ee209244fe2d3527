# METADATA
# title: Container has no liveness probe
# description: >-
#   Without a liveness probe Kubernetes only knows whether the process runs;
#   with one, it restarts a container that is deadlocked or stuck instead of
#   leaving it running. Checked on the regular containers of long-running
#   workloads (not Jobs, CronJobs and KEDA ScaledJobs, whose containers exit).
# related_resources:
#   - ref: https://kubernetes.io/docs/tasks/configure-pod-container/configure-liveness-readiness-startup-probes/
# custom:
#   id: IG-K8S-028
#   severity: low
#   remediation: |
#     ```yaml
#     livenessProbe:
#       httpGet:
#         path: /healthz
#         port: 8080
#     ```
package infragate.rules.kubernetes.liveness_probe

import data.infragate.lib.kubernetes as k8s

warn contains {"msg": msg, "path": c.path, "resource": k8s.resource} if {
	not k8s.kind in k8s.batch_kinds
	some c in k8s.containers
	c.type == "containers"
	k8s.absent(c.container, ["livenessProbe"])
	msg := sprintf("%s: %s has no liveness probe", [k8s.label, c.label])
}
