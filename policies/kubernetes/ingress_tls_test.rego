package infragate.rules.kubernetes.ingress_tls_test

import data.infragate.rules.kubernetes.ingress_tls

ingress(spec) := {"apiVersion": "networking.k8s.io/v1", "kind": "Ingress", "metadata": {"name": "i"}, "spec": spec}

rules := [{"host": "app.example.com", "http": {"paths": [{"path": "/", "pathType": "Prefix", "backend": {"service": {"name": "app", "port": {"number": 80}}}}]}}]

test_no_tls if {
	ingress_tls.warn == {{
		"msg": "Ingress/i: Ingress has no TLS configuration",
		"path": ["spec"],
		"resource": "Ingress/default/i",
	}} with input as ingress({"rules": rules})
}

test_empty_tls if {
	r := ingress_tls.warn with input as ingress({"rules": rules, "tls": []})
	{x.path | some x in r} == {["spec", "tls"]}
}

test_tls if {
	count(ingress_tls.warn) == 0 with input as ingress({"rules": rules, "tls": [{"hosts": ["app.example.com"], "secretName": "app-tls"}]})
	count(ingress_tls.warn) == 0 with input as ingress({"rules": rules, "tls": "{{ toYaml .Values.tls }}"})
}
