# METADATA
# title: Ingress without TLS
# description: >-
#   An Ingress without a `tls` section serves its hosts over plain HTTP:
#   credentials and session cookies cross the network unencrypted.
# related_resources:
#   - ref: https://kubernetes.io/docs/concepts/services-networking/ingress/#tls
# custom:
#   id: IG-K8S-039
#   severity: medium
#   remediation: |
#     ```yaml
#     spec:
#       tls:
#         - hosts: ["app.example.com"]
#           secretName: app-tls
#     ```
package infragate.rules.kubernetes.ingress_tls

import data.infragate.lib.kubernetes as k8s

warn contains {"msg": msg, "path": path, "resource": k8s.resource} if {
	k8s.kind == "Ingress"
	is_object(input.spec)
	tls := object.get(input.spec, "tls", null)
	not has_entries(tls)
	not k8s.unknown(tls)
	path := k8s.deepest(["spec"], input.spec, ["tls"])
	msg := sprintf("%s: Ingress has no TLS configuration", [k8s.label])
}

has_entries(tls) if {
	is_array(tls)
	count(tls) > 0
}
