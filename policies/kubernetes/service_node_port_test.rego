package infragate.rules.kubernetes.service_node_port_test

import data.infragate.rules.kubernetes.service_node_port

service(type) := {"apiVersion": "v1", "kind": "Service", "metadata": {"name": "s", "namespace": "web"}, "spec": {"type": type, "ports": [{"port": 80}]}}

test_NodePort if {
	service_node_port.warn == {{
		"msg": "Service/s: Service is of type NodePort",
		"path": ["spec", "type"],
		"resource": "Service/web/s",
	}} with input as service("NodePort")
}

test_cluster_ip if {
	count(service_node_port.warn) == 0 with input as service("ClusterIP")
	count(service_node_port.warn) == 0 with input as {"apiVersion": "v1", "kind": "Service", "metadata": {"name": "s"}, "spec": {"ports": [{"port": 80}]}}
}
