# METADATA
# title: Container runs as root
# description: >-
#   The final stage sets no USER, or its last USER is root (0): processes in
#   the container run as root, so a compromise of the application gives root
#   in the container and a shorter path to the host. USER instructions of the
#   stages the final stage is built FROM count. Quotes are removed and a
#   USER of one variable ($U, ${U}) reads the ENV, or the stage's ARG
#   default, that sets it before; a variable set nowhere and base images
#   tagged nonroot are not reported.
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
	user := resolved(split(unquoted(ins.Value[0]), ":")[0], i, docker.stage(ins))
	not docker.unknown(user)
	lower(user) in root_users
	msg := sprintf("the last USER of the final image is %s: the container runs as root", [shown(ins.Value[0], user)])
}

shown(word, user) := word if word == user

shown(word, user) := sprintf("%s (%s)", [word, user]) if word != user

# unquoted is a word without the quotes Docker removes ("root", 'root').
unquoted(w) := substring(w, 1, count(w) - 2) if {
	count(w) >= 2
	some q in ["\"", "'"]
	startswith(w, q)
	endswith(w, q)
} else := w

# resolved is a word that is a whole variable reference ($U, ${U}) replaced
# by what the last ENV of the final image's stages, or ARG default of the
# same stage, before instruction i sets U to; else the word itself.
resolved(w, i, s) := v if {
	name := var_name(w)
	defs := [[j, x] |
		some j, d in input
		j < i
		docker.stage(d) in docker.image_stages
		some x in definition(d, name, s)
	]
	count(defs) > 0
	v := max(defs)[1]
} else := w

var_name(w) := substring(w, 1, -1) if regex.match(`^\$[A-Za-z_][A-Za-z0-9_]*$`, w)

var_name(w) := substring(w, 2, count(w) - 3) if regex.match(`^\$\{[A-Za-z_][A-Za-z0-9_]*\}$`, w)

# definition lists what an ENV or ARG (with a default, in stage s)
# instruction sets name to, the last one last.
definition(d, name, _) := [unquoted(d.Value[k + 1]) |
	some k, x in d.Value
	k % 3 == 0
	x == name
	k + 1 < count(d.Value)
] if lower(d.Cmd) == "env"

definition(d, name, s) := [unquoted(v) |
	some a in d.Value
	kv := split_first(a, "=")
	kv[0] == name
	v := kv[1]
] if {
	lower(d.Cmd) == "arg"
	docker.stage(d) == s
}

split_first(a, sep) := [substring(a, 0, i), substring(a, i + 1, -1)] if {
	i := indexof(a, sep)
	i >= 0
}

# nonroot_base holds when the image chain starts from an image tagged or
# named nonroot (distroless :nonroot, chainguard, ...), which sets a user.
nonroot_base if {
	some s in docker.image_stages
	not docker.is_stage_ref(s)
	contains(lower(docker.froms[s].image), "nonroot")
}
