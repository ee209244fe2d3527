# METADATA
# title: Pod sets an unsafe sysctl
# description: >-
#   Sysctls outside the safe, namespaced set change kernel settings that
#   affect the whole node and every other pod on it. The baseline Pod Security
#   Standard only allows kernel.shm_rmid_forced, net.ipv4.ip_local_port_range,
#   net.ipv4.ip_local_reserved_ports, net.ipv4.ip_unprivileged_port_start,
#   net.ipv4.tcp_syncookies, net.ipv4.ping_group_range,
#   net.ipv4.tcp_keepalive_time, net.ipv4.tcp_fin_timeout,
#   net.ipv4.tcp_keepalive_intvl and net.ipv4.tcp_keepalive_probes.
# related_resources:
#   - ref: https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline
#   - ref: https://kubernetes.io/docs/tasks/administer-cluster/sysctl-cluster/
# custom:
#   id: IG-K8S-016
#   severity: high
#   remediation: |
#     Remove the sysctl from `spec.securityContext.sysctls`; tune the node
#     (or a dedicated node pool) instead. Safe sysctls remain allowed:
#     ```yaml
#     securityContext:
#       sysctls:
#         - name: net.ipv4.ip_local_port_range
#           value: "1024 65535"
#     ```
package infragate.rules.kubernetes.unsafe_sysctls

import data.infragate.lib.kubernetes as k8s

safe := {
	"kernel.shm_rmid_forced",
	"net.ipv4.ip_local_port_range",
	"net.ipv4.ip_local_reserved_ports",
	"net.ipv4.ip_unprivileged_port_start",
	"net.ipv4.tcp_syncookies",
	"net.ipv4.ping_group_range",
	"net.ipv4.tcp_keepalive_time",
	"net.ipv4.tcp_fin_timeout",
	"net.ipv4.tcp_keepalive_intvl",
	"net.ipv4.tcp_keepalive_probes",
}

deny contains {"msg": msg, "path": path, "resource": k8s.resource} if {
	some k, s in k8s.pod_spec.securityContext.sysctls
	name := s.name
	is_string(name)
	not k8s.unknown(name)
	not replace(name, "/", ".") in safe
	path := array.concat(k8s.pod_spec_path, ["securityContext", "sysctls", k, "name"])
	msg := sprintf("%s: pod sets unsafe sysctl %s", [k8s.label, name])
}
