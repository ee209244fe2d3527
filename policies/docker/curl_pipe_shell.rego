# METADATA
# title: RUN pipes a download into a shell
# description: >-
#   curl or wget output piped into sh or bash (or run through sh -c "$(curl
#   ...)") executes whatever the server returns, unverified, as part of the
#   build.
# related_resources:
#   - ref: https://docs.docker.com/reference/dockerfile/#run
#   - ref: https://docs.docker.com/build/building/best-practices/#using-pipes
# custom:
#   id: IG-DOCKER-004
#   severity: high
#   remediation: |
#     Download to a file, verify it, then run it:
#       RUN curl -fsSLo install.sh https://example.com/install.sh \
#        && echo "<sha256>  install.sh" | sha256sum -c - \
#        && sh install.sh
package infragate.rules.docker.curl_pipe_shell

import data.infragate.lib.docker

patterns := [
	`\b(curl|wget)\b[^;&]*\|\s*(sudo\s+(-\S+\s+)*)?(\S*/)?(ba|z|k|da|a)?sh\b`,
	`\b(ba|z|k|da|a)?sh\s+(-c\s+)?["']?(\$\(|<\(|\x60)\s*(curl|wget)\b`,
]

deny contains {"msg": msg, "path": [i], "_match": found[0], "resource": docker.resource(ins)} if {
	some i, ins in docker.instructions("run")
	cmd := docker.text(ins)
	found := [x | some p in patterns; some x in regex.find_n(p, cmd, 1)]
	count(found) > 0
	msg := "RUN pipes a download into a shell without verifying it"
}
