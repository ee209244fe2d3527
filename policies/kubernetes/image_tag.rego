# METADATA
# title: Image tag is latest or missing
# description: >-
#   An image without a tag, or tagged `latest`, resolves to whatever was
#   pushed last: deployments are not reproducible, rollbacks do not roll back,
#   and nodes may run different code. Images pinned by digest
#   (`name@sha256:...`) are fine.
# related_resources:
#   - ref: https://kubernetes.io/docs/concepts/containers/images/#image-names
#   - ref: https://kubernetes.io/docs/concepts/configuration/overview/#container-images
# custom:
#   id: IG-K8S-026
#   severity: medium
#   remediation: |
#     Pin a specific version, or better a digest:
#     ```yaml
#     image: nginx:1.27.2
#     # or
#     image: nginx@sha256:<digest>
#     ```
package infragate.rules.kubernetes.image_tag

import data.infragate.lib.kubernetes as k8s

deny contains {"msg": msg, "path": path, "resource": k8s.resource} if {
	some c in k8s.containers
	image := c.container.image
	is_string(image)
	image != ""
	not k8s.unknown(image)
	not contains(image, "@")
	problem := tag_problem(image)
	path := array.concat(c.path, ["image"])
	msg := sprintf("%s: %s image %s %s", [k8s.label, c.label, k8s.shown(image), problem])
}

tag_problem(image) := "has no tag" if {
	not tag(image)
} else := "uses the latest tag" if {
	tag(image) == "latest"
}

# tag is the part after ":" in the last path segment (a ":" before the last
# "/" is a registry port).
tag(image) := t if {
	parts := split(image, "/")
	last := parts[count(parts) - 1]
	i := indexof(last, ":")
	i >= 0
	t := substring(last, i + 1, -1)
}
