# METADATA
# title: Object placed in the default namespace
# description: >-
#   The default namespace is shared by everything that does not say otherwise;
#   objects there are hard to isolate with RBAC, quotas and network policies.
#   Only an explicit `namespace: default` is reported: a missing namespace is
#   usually set at deploy time (kubectl -n, Kustomize, Helm).
# related_resources:
#   - ref: https://kubernetes.io/docs/concepts/overview/working-with-objects/namespaces/
# custom:
#   id: IG-K8S-030
#   severity: low
#   remediation: |
#     Put the object in the application's own namespace:
#     ```yaml
#     metadata:
#       namespace: payments
#     ```
package infragate.rules.kubernetes.default_namespace

import data.infragate.lib.kubernetes as k8s

warn contains {"msg": msg, "path": ["metadata", "namespace"], "resource": k8s.resource} if {
	k8s.is_k8s
	input.metadata.namespace == "default"
	msg := sprintf("%s: object is in the default namespace", [k8s.label])
}
