package infragate.rules.kubernetes.service_load_balancer_test

import data.infragate.rules.kubernetes.service_load_balancer

service(type) := {"apiVersion": "v1", "kind": "Service", "metadata": {"name": "s", "namespace": "web"}, "spec": {"type": type, "ports": [{"port": 80}]}}

test_LoadBalancer if {
	service_load_balancer.warn == {{
		"msg": "Service/s: Service is of type LoadBalancer",
		"path": ["spec", "type"],
		"resource": "Service/web/s",
	}} with input as service("LoadBalancer")
}

test_cluster_ip if {
	count(service_load_balancer.warn) == 0 with input as service("ClusterIP")
	count(service_load_balancer.warn) == 0 with input as {"apiVersion": "v1", "kind": "Service", "metadata": {"name": "s"}, "spec": {"ports": [{"port": 80}]}}
}
