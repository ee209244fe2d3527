# Helpers shared by the built-in Kubernetes rules.
#
# Input is one Kubernetes object (one YAML document). Documents without a
# string apiVersion and kind are not Kubernetes objects and match nothing here.
#
# Conventions the rules follow:
#   - resource: "Kind/namespace/name" for namespaced kinds (namespace
#     "default" when metadata.namespace is absent, as kubectl would apply it)
#     and "Kind/name" for cluster-scoped kinds (ClusterRole, Namespace, ...).
#   - label: "Kind/name", used at the start of every message.
#   - paths are arrays into input; for a missing field a rule reports the
#     deepest existing object that should hold it (see deepest).
#   - values that a static read cannot know (Helm or envsubst templates,
#     "{{ ... }}" or "${...}") never produce a finding (see unknown).
package infragate.lib.kubernetes

import data.infragate.lib.values

# Where each workload kind keeps its pod spec.
pod_spec_paths := {
	"Pod": ["spec"],
	"PodTemplate": ["template", "spec"],
	"Deployment": ["spec", "template", "spec"],
	"StatefulSet": ["spec", "template", "spec"],
	"DaemonSet": ["spec", "template", "spec"],
	"ReplicaSet": ["spec", "template", "spec"],
	"ReplicationController": ["spec", "template", "spec"],
	"Job": ["spec", "template", "spec"],
	"CronJob": ["spec", "jobTemplate", "spec", "template", "spec"],
}

# Custom resources that carry a pod template their controller runs as it
# is, by API group and kind: a privileged container in an Argo Rollout runs
# as privileged as in a Deployment. (Kinds are looked up by group because
# Knative's Service is not the core Service.)
crd_pod_spec_paths := {
	"argoproj.io": {"Rollout": ["spec", "template", "spec"]},
	"apps.openshift.io": {"DeploymentConfig": ["spec", "template", "spec"]},
	"serving.knative.dev": {
		"Service": ["spec", "template", "spec"],
		"Configuration": ["spec", "template", "spec"],
		"Revision": ["spec"],
	},
	"sources.knative.dev": {"ContainerSource": ["spec", "template", "spec"]},
	"keda.sh": {"ScaledJob": ["spec", "jobTargetRef", "template", "spec"]},
}

# Kinds whose pods run to completion (no probes expected).
batch_kinds := {"Job", "CronJob", "ScaledJob"}

# Kinds without a namespace.
cluster_scoped_kinds := {
	"APIService",
	"CSIDriver",
	"CSINode",
	"ClusterIssuer",
	"ClusterRole",
	"ClusterRoleBinding",
	"CustomResourceDefinition",
	"IngressClass",
	"MutatingWebhookConfiguration",
	"Namespace",
	"Node",
	"PersistentVolume",
	"PodSecurityPolicy",
	"PriorityClass",
	"RuntimeClass",
	"StorageClass",
	"ValidatingAdmissionPolicy",
	"ValidatingAdmissionPolicyBinding",
	"ValidatingWebhookConfiguration",
	"VolumeAttachment",
}

# is_k8s holds when input is a Kubernetes object.
is_k8s if {
	is_string(input.apiVersion)
	is_string(input.kind)
}

kind := input.kind if is_k8s

name := n if {
	is_k8s
	n := input.metadata.name
	is_string(n)
} else := n if {
	is_k8s
	n := input.metadata.generateName
	is_string(n)
} else := "unnamed" if is_k8s

namespace := ns if {
	is_k8s
	ns := input.metadata.namespace
	is_string(ns)
} else := "default" if is_k8s

resource := sprintf("%s/%s", [kind, name]) if {
	kind in cluster_scoped_kinds
} else := sprintf("%s/%s/%s", [kind, namespace, name]) if is_k8s

label := sprintf("%s/%s", [kind, name])

# unknown holds for values that are templated: a Helm/Go template or an
# envsubst/Terraform interpolation. Such values must not be judged.
unknown(v) if values.is_unknown(v)

unknown(v) if {
	is_string(v)
	contains(v, "{{")
}

# pod_spec_path is the path of the pod spec of a Pod or workload, or of a
# custom resource of crd_pod_spec_paths.
pod_spec_path := pod_spec_paths[kind] if {
	is_k8s
} else := crd_pod_spec_paths[split(input.apiVersion, "/")[0]][kind] if {
	is_k8s
	contains(input.apiVersion, "/")
}

# pod_spec is the pod spec itself, when it is an object.
pod_spec := s if {
	s := at_pod_path(pod_spec_path)
	is_object(s)
}

# at_pod_path is the value at one of the paths of pod_spec_paths, or of the
# pod metadata's annotations beside them. The paths are spelled out, rather
# than read with object.get(input, path, d), so that the engine sees which
# parts of input the rules read (engine/projection.go).
at_pod_path(["spec"]) := input.spec

at_pod_path(["template", "spec"]) := input.template.spec

at_pod_path(["spec", "template", "spec"]) := input.spec.template.spec

at_pod_path(["spec", "jobTemplate", "spec", "template", "spec"]) := input.spec.jobTemplate.spec.template.spec

at_pod_path(["spec", "jobTargetRef", "template", "spec"]) := input.spec.jobTargetRef.template.spec

at_pod_path(["metadata", "annotations"]) := input.metadata.annotations

at_pod_path(["template", "metadata", "annotations"]) := input.template.metadata.annotations

at_pod_path(["spec", "template", "metadata", "annotations"]) := input.spec.template.metadata.annotations

at_pod_path(["spec", "jobTemplate", "spec", "template", "metadata", "annotations"]) := input.spec.jobTemplate.spec.template.metadata.annotations

at_pod_path(["spec", "jobTargetRef", "template", "metadata", "annotations"]) := input.spec.jobTargetRef.template.metadata.annotations

# pod_metadata_path is where the pod's metadata (annotations) lives:
# ["metadata"] for a Pod, [..., "template", "metadata"] for workloads.
pod_metadata_path := array.concat(array.slice(pod_spec_path, 0, count(pod_spec_path) - 1), ["metadata"])

pod_annotations := a if {
	a := at_pod_path(array.concat(pod_metadata_path, ["annotations"]))
	is_object(a)
} else := {}

# Container lists of a pod spec and how messages call their members.
container_types := {
	"containers": "container",
	"initContainers": "init container",
	"ephemeralContainers": "ephemeral container",
}

# containers: every container of the pod spec (regular, init and ephemeral),
# as {"container", "path", "type", "name", "label"}. Rules filter on type
# where the standard only covers some of them.
containers contains {
	"container": c,
	"path": array.concat(pod_spec_path, [t, i]),
	"type": t,
	"name": n,
	"label": sprintf("%s %q", [container_types[t], n]),
} if {
	some t, _ in container_types
	some i, c in pod_spec[t]
	is_object(c)
	n := container_name(c, i)
}

container_name(c, i) := c.name if {
	is_string(c.name)
} else := sprintf("#%d", [i])

# exists holds when obj has a value (possibly null) at the relative path keys.
exists(obj, keys) if {
	object.get(obj, keys, "__infragate_absent__") != "__infragate_absent__"
}

# depth is how many of keys, from the first, lead to a value (possibly
# null) in obj: the length of the longest prefix of keys that exists.
depth(obj, keys) := count([i |
	some i, _ in keys
	exists(obj, array.slice(keys, 0, i + 1))
])

# deepest returns base extended by the longest prefix of keys that exists
# in obj (the value at base): where a missing field should be added.
deepest(base, obj, keys) := array.concat(base, array.slice(keys, 0, depth(obj, keys)))

# templated_along holds when a value on the way to keys in obj (or the
# value itself) is templated: the field may be set by the template. Only
# the deepest value on the way can be: the ones before it are objects.
templated_along(obj, keys) if {
	unknown(object.get(obj, array.slice(keys, 0, depth(obj, keys)), null))
}

# container_setting is the value of a securityContext field for a container:
# the container's own, or else the pod's, with the path it came from.
# Undefined when neither level sets it.
container_setting(c, field) := {"value": v, "path": array.concat(c.path, ["securityContext", field])} if {
	v := c.container.securityContext[field]
} else := {"value": v, "path": array.concat(pod_spec_path, ["securityContext", field])} if {
	v := pod_spec.securityContext[field]
}

# linux_pod holds unless the pod declares spec.os.name: windows; the
# restricted profile exempts Windows pods from Linux-only controls.
linux_pod if {
	pod_spec
	object.get(pod_spec, ["os", "name"], "") != "windows"
}

# Capabilities the baseline Pod Security Standard allows to be added.
baseline_capabilities := {
	"AUDIT_WRITE",
	"CHOWN",
	"DAC_OVERRIDE",
	"FOWNER",
	"FSETID",
	"KILL",
	"MKNOD",
	"NET_BIND_SERVICE",
	"SETFCAP",
	"SETGID",
	"SETPCAP",
	"SETUID",
	"SYS_CHROOT",
}

# capability_name normalises "cap_sys_admin" and "SYS_ADMIN" to "SYS_ADMIN".
capability_name(s) := trim_prefix(upper(s), "CAP_") if is_string(s)

# absent holds when obj has no value, or null, at keys.
absent(obj, keys) if object.get(obj, keys, null) == null

# shown is a string value as a message shows it: itself, or quoted and
# said to be empty when it is empty or only blanks (image: ' ').
shown(v) := v if trim_space(v) != ""

shown(v) := sprintf("%q (empty)", [v]) if trim_space(v) == ""
