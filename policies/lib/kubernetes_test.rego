# Tests of the Kubernetes helpers, and the input builders the rule tests use:
# pod(spec), deployment(spec) and cronjob(spec) wrap a pod spec into a Pod
# "p", a Deployment "d" in namespace "prod" and a CronJob "cj"; *_spec are
# the paths of their pod specs.
package infragate.lib.kubernetes_test

import data.infragate.lib.kubernetes as k8s

pod(spec) := {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "p"}, "spec": spec}

deployment(spec) := {
	"apiVersion": "apps/v1",
	"kind": "Deployment",
	"metadata": {"name": "d", "namespace": "prod"},
	"spec": {"template": {"metadata": {"labels": {"app": "d"}}, "spec": spec}},
}

cronjob(spec) := {
	"apiVersion": "batch/v1",
	"kind": "CronJob",
	"metadata": {"name": "cj"},
	"spec": {"schedule": "* * * * *", "jobTemplate": {"spec": {"template": {"spec": spec}}}},
}

pod_spec := ["spec"]

deployment_spec := ["spec", "template", "spec"]

cronjob_spec := ["spec", "jobTemplate", "spec", "template", "spec"]

test_pod_spec_paths if {
	k8s.pod_spec_path == pod_spec with input as pod({})
	k8s.pod_spec_path == deployment_spec with input as deployment({})
	k8s.pod_spec_path == cronjob_spec with input as cronjob({})
}

# Custom resources whose controllers run their pod templates as written.
test_crd_pod_spec_paths if {
	k8s.pod_spec_path == deployment_spec with input as {"apiVersion": "argoproj.io/v1alpha1", "kind": "Rollout"}
	k8s.pod_spec_path == deployment_spec with input as {"apiVersion": "apps.openshift.io/v1", "kind": "DeploymentConfig"}
	k8s.pod_spec_path == deployment_spec with input as {"apiVersion": "serving.knative.dev/v1", "kind": "Service"}
	k8s.pod_spec_path == ["spec"] with input as {"apiVersion": "serving.knative.dev/v1", "kind": "Revision"}
	k8s.pod_spec_path == ["spec", "jobTargetRef", "template", "spec"] with input as {"apiVersion": "keda.sh/v1alpha1", "kind": "ScaledJob"}
	k8s.pod_metadata_path == ["spec", "jobTargetRef", "template", "metadata"] with input as {"apiVersion": "keda.sh/v1alpha1", "kind": "ScaledJob"}
}

# The core Service, and a Rollout of another group, have no pod template.
test_crd_pod_spec_paths_need_the_group if {
	not k8s.pod_spec_path with input as {"apiVersion": "v1", "kind": "Service", "spec": {"template": {"spec": {}}}}
	not k8s.pod_spec_path with input as {"apiVersion": "example.com/v1", "kind": "Rollout"}
	not k8s.pod_spec_path with input as {"apiVersion": "argoproj.io", "kind": "Workflow"}
}

test_pod_metadata_path if {
	k8s.pod_metadata_path == ["metadata"] with input as pod({})
	k8s.pod_metadata_path == ["spec", "template", "metadata"] with input as deployment({})
}

test_resource_namespaced if {
	k8s.resource == "Pod/default/p" with input as pod({})
	k8s.resource == "Deployment/prod/d" with input as deployment({})
}

test_resource_cluster_scoped if {
	k8s.resource == "ClusterRole/admin" with input as {"apiVersion": "rbac.authorization.k8s.io/v1", "kind": "ClusterRole", "metadata": {"name": "admin"}}
}

test_resource_generate_name if {
	k8s.resource == "Pod/ci/run-" with input as {"apiVersion": "v1", "kind": "Pod", "metadata": {"generateName": "run-", "namespace": "ci"}}
}

test_not_kubernetes if {
	not k8s.is_k8s with input as {"name": "x", "spec": {"containers": [{"name": "a"}]}}
	count(k8s.containers) == 0 with input as {"kind": "Pod", "spec": {"containers": [{"name": "a"}]}}
}

test_containers if {
	cs := k8s.containers with input as deployment({
		"containers": [{"name": "app"}, "not-an-object"],
		"initContainers": [{"image": "busybox"}],
		"ephemeralContainers": [{"name": "debug"}],
	})
	cs == {
		{"container": {"name": "app"}, "path": array.concat(deployment_spec, ["containers", 0]), "type": "containers", "name": "app", "label": "container \"app\""},
		{"container": {"image": "busybox"}, "path": array.concat(deployment_spec, ["initContainers", 0]), "type": "initContainers", "name": "#0", "label": "init container \"#0\""},
		{"container": {"name": "debug"}, "path": array.concat(deployment_spec, ["ephemeralContainers", 0]), "type": "ephemeralContainers", "name": "debug", "label": "ephemeral container \"debug\""},
	}
}

test_templated_pod_spec_has_no_containers if {
	count(k8s.containers) == 0 with input as pod("{{ toYaml .Values.spec }}")
}

test_unknown if {
	k8s.unknown("{{ .Values.image }}")
	k8s.unknown("${IMAGE}")
	not k8s.unknown("nginx:1.25")
	not k8s.unknown(true)
}

test_deepest if {
	k8s.deepest(["c"], {"securityContext": {"capabilities": {}}}, ["securityContext", "capabilities", "drop"]) == ["c", "securityContext", "capabilities"]
	k8s.deepest(["c"], {"name": "x"}, ["securityContext", "runAsNonRoot"]) == ["c"]
	k8s.deepest(["c"], {"securityContext": null}, ["securityContext", "runAsNonRoot"]) == ["c", "securityContext"]
}

test_depth if {
	k8s.depth({"a": {"b": {}}}, ["a", "b", "c"]) == 2
	k8s.depth({"a": {"b": {"c": 1}}}, ["a", "b", "c"]) == 3
	k8s.depth({"a": null}, ["a", "b"]) == 1
	k8s.depth({"a": "s"}, ["a", "b"]) == 1
	k8s.depth({"x": 1}, ["a", "b"]) == 0
	k8s.depth({"x": 1}, []) == 0
}

test_templated_along if {
	k8s.templated_along({"securityContext": "{{ toYaml .Values.sc }}"}, ["securityContext", "runAsNonRoot"])
	k8s.templated_along({"securityContext": {"runAsNonRoot": "{{ .Values.x }}"}}, ["securityContext", "runAsNonRoot"])
	not k8s.templated_along({"securityContext": {}}, ["securityContext", "runAsNonRoot"])
	not k8s.templated_along({"securityContext": {"x": "{{ .Values.x }}"}}, ["securityContext", "runAsNonRoot"])
	k8s.templated_along({"resources": {"limits": "${limits}"}}, ["resources", "limits", "cpu"])
	not k8s.templated_along({"resources": null}, ["resources", "limits", "cpu"])
}

test_container_setting if {
	obj := pod({"securityContext": {"runAsUser": 1000}, "containers": [{"name": "a"}, {"name": "b", "securityContext": {"runAsUser": 0}}]})
	cs := {c.name: k8s.container_setting(c, "runAsUser") | some c in k8s.containers} with input as obj
	cs == {
		"a": {"value": 1000, "path": ["spec", "securityContext", "runAsUser"]},
		"b": {"value": 0, "path": ["spec", "containers", 1, "securityContext", "runAsUser"]},
	}
}

test_pod_annotations if {
	obj := {"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "d"}, "spec": {"template": {"metadata": {"annotations": {"a": "b"}}, "spec": {}}}}
	k8s.pod_annotations == {"a": "b"} with input as obj
	k8s.pod_annotations == {} with input as pod({})
}

test_resource_unnamed if {
	k8s.resource == "ConfigMap/default/unnamed" with input as {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {}}
}

test_pod_annotations_not_an_object if {
	k8s.pod_annotations == {} with input as {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "p", "annotations": "{{ toYaml .Values.annotations }}"}, "spec": {}}
}

test_shown if {
	k8s.shown("nginx") == "nginx"
	k8s.shown("") == `"" (empty)`
	k8s.shown("  ") == `"  " (empty)`
}
