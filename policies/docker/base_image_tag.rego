# METADATA
# title: Base image tag is latest or missing
# description: >-
#   A FROM image without a tag, or tagged latest, is whatever was pushed last:
#   builds are not reproducible and can silently pick up breaking or malicious
#   changes. Images pinned by digest, scratch, earlier build stages and images
#   from build variables are not reported.
# related_resources:
#   - ref: https://docs.docker.com/reference/dockerfile/#from
#   - ref: https://docs.docker.com/build/building/best-practices/#pin-base-image-versions
# custom:
#   id: IG-DOCKER-002
#   severity: medium
#   related_ids: [IG-K8S-026]
#   remediation: |
#     Pin a version, or better a digest:
#       FROM python:3.12.7-slim
#       FROM python:3.12.7-slim@sha256:<digest>
package infragate.rules.docker.base_image_tag

import data.infragate.lib.docker

deny contains {"msg": msg, "path": [f.index], "resource": sprintf("stage %d", [s])} if {
	some s, f in docker.froms
	not docker.is_stage_ref(s)
	image := f.image
	lower(image) != "scratch"
	not docker.unknown(image)
	not contains(image, "@")
	problem := tag_problem(image)
	msg := sprintf("base image %s %s", [image, problem])
}

tag_problem(image) := "has no tag (resolves to latest)" if {
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
