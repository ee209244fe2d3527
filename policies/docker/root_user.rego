# METADATA
# title: Container runs as root
# description: >-
#   The final stage sets no USER, or its last USER is root (0): processes in
#   the container run as root, so a compromise of the application gives root
#   in the container and a shorter path to the host. USER instructions of the
#   stages the final stage is built FROM count; a USER from a build variable
#   and base images tagged nonroot are not reported.
# related_resources:
#   - ref: https://docs.docker.com/reference/dockerfile/#user
#   - ref: https://docs.docker.com/build/building/best-practices/#user
# custom:
#   id: IG-DOCKER-001
#   severity: medium
#   remediation: |
#     Create an unprivileged user and switch to it at the end of the final stage:
#       RUN useradd --system --uid 10001 app
#       USER 10001
package infragate.rules.docker.root_user

import data.infragate.lib.docker

root_users := {"root", "0"}

# users lists the USER instructions of the stages in the final image.
users := {i: ins |
	some i, ins in docker.instructions("user")
	docker.stage(ins) in docker.image_stages
}

deny contains {"msg": msg, "path": [f.index], "resource": docker.resource(input[f.index])} if {
	count(users) == 0
	f := docker.froms[docker.final_stage]
	not nonroot_base
	msg := "the final stage sets no USER: the container runs as root"
}

deny contains {"msg": msg, "path": [i], "resource": docker.resource(ins)} if {
	i := max(object.keys(users))
	ins := users[i]
	user := split(ins.Value[0], ":")[0]
	not docker.unknown(user)
	lower(user) in root_users
	msg := sprintf("the last USER of the final image is %s: the container runs as root", [ins.Value[0]])
}

# nonroot_base holds when the image chain starts from an image tagged or
# named nonroot (distroless :nonroot, chainguard, ...), which sets a user.
nonroot_base if {
	some s in docker.image_stages
	not docker.is_stage_ref(s)
	contains(lower(docker.froms[s].image), "nonroot")
}
