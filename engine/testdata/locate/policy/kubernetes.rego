package main

import rego.v1

pod_kinds := {"Deployment", "StatefulSet", "DaemonSet", "Job"}

spec := input.spec.template.spec if input.kind in pod_kinds

spec := input.spec if input.kind == "Pod"

all_containers contains c if some c in spec.containers

all_containers contains c if some c in spec.initContainers

deny contains msg if {
	some c in all_containers
	c.securityContext.privileged == true
	msg := sprintf("%s %s: container %s is privileged", [input.kind, input.metadata.name, c.name])
}

deny contains msg if {
	some c in all_containers
	not c.resources.limits.memory
	msg := sprintf("%s %s: container %s has no memory limit", [input.kind, input.metadata.name, c.name])
}

warn contains msg if {
	some c in all_containers
	object.get(c, ["securityContext", "runAsNonRoot"], false) != true
	msg := sprintf("%s %s: container %s may run as root", [input.kind, input.metadata.name, c.name])
}
