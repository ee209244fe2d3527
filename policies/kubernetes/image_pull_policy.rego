# METADATA
# title: Image pull policy is not Always
# description: >-
#   With IfNotPresent or Never (the default for tagged images) a node reuses a
#   cached image: a re-pushed tag is not picked up and a pod can start from an
#   image its service account is no longer allowed to pull. Images pinned by
#   digest are immutable and are not reported.
# related_resources:
#   - ref: https://kubernetes.io/docs/concepts/containers/images/#updating-images
# custom:
#   id: IG-K8S-027
#   severity: low
#   remediation: |
#     ```yaml
#     imagePullPolicy: Always
#     ```
#     or pin the image by digest (`image: app@sha256:<digest>`).
package infragate.rules.kubernetes.image_pull_policy

import data.infragate.lib.kubernetes as k8s

warn contains {"msg": msg, "path": path, "resource": k8s.resource} if {
	some c in k8s.containers
	image := c.container.image
	is_string(image)
	not k8s.unknown(image)
	not contains(image, "@")
	policy := c.container.imagePullPolicy
	is_string(policy)
	policy != "Always"
	not k8s.unknown(policy)
	path := array.concat(c.path, ["imagePullPolicy"])
	msg := sprintf("%s: %s pulls image %s with imagePullPolicy %s", [k8s.label, c.label, k8s.shown(image), k8s.shown(policy)])
}

warn contains {"msg": msg, "path": c.path, "resource": k8s.resource} if {
	some c in k8s.containers
	image := c.container.image
	is_string(image)
	not k8s.unknown(image)
	not contains(image, "@")
	k8s.absent(c.container, ["imagePullPolicy"])
	pinned_tag(image)
	msg := sprintf("%s: %s pulls image %s with the default imagePullPolicy IfNotPresent", [k8s.label, c.label, image])
}

# Kubernetes defaults to Always only for untagged and latest images.
pinned_tag(image) if {
	parts := split(image, "/")
	last := parts[count(parts) - 1]
	i := indexof(last, ":")
	i >= 0
	substring(last, i + 1, -1) != "latest"
}
