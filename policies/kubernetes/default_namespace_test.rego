package infragate.rules.kubernetes.default_namespace_test

import data.infragate.rules.kubernetes.default_namespace

test_explicit_default if {
	default_namespace.warn == {{
		"msg": "ConfigMap/c: object is in the default namespace",
		"path": ["metadata", "namespace"],
		"resource": "ConfigMap/default/c",
	}} with input as {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "c", "namespace": "default"}}
}

test_other_or_missing_namespace if {
	count(default_namespace.warn) == 0 with input as {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "c", "namespace": "app"}}
	count(default_namespace.warn) == 0 with input as {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "c"}}
	count(default_namespace.warn) == 0 with input as {"metadata": {"namespace": "default"}}
}
