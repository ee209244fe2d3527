package infragate.rules.kubernetes.secret_data_test

import data.infragate.rules.kubernetes.secret_data.deny

secret(extra) := object.union({"apiVersion": "v1", "kind": "Secret", "metadata": {"name": "s", "namespace": "ns"}}, extra)

test_data_and_string_data if {
	r := deny with input as secret({"data": {"a": "eA==", "b": ""}, "stringData": {"c": "x"}})
	{[f.resource, f.path] | some f in r} == {["Secret/ns/s", ["data", "a"]], ["Secret/ns/s", ["stringData", "c"]]}
	some f in r
	not contains(f.msg, "eA==")
}

test_sops_encrypted if {
	count(deny) == 0 with input as secret({"data": {"a": "eA=="}, "sops": {"version": "3"}})
	count(deny) == 0 with input as secret({"stringData": {"a": "ENC[AES256_GCM,data:x]"}})
}

test_templated if {
	count(deny) == 0 with input as secret({"stringData": {"a": "{{ .Values.a }}", "b": "${B}"}})
}

test_other_kinds if {
	count(deny) == 0 with input as {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "c"}, "data": {"password": "x"}}
}

test_public_certificates if {
	r := deny with input as secret({"type": "kubernetes.io/tls", "data": {"tls.crt": "Y2VydA==", "ca.crt": "Y2E=", "tls.key": "a2V5"}})
	{f.path | some f in r} == {["data", "tls.key"]}
}

test_settings_beside_the_secret if {
	r := deny with input as secret({"stringData": {"url": "https://git.example.com", "type": "git", "username": "bot", "githubAppID": "1", "password": "pw"}})
	{f.path | some f in r} == {["stringData", "password"]}
}
