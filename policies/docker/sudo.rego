# METADATA
# title: RUN uses sudo
# description: >-
#   sudo in a RUN step means the build switches between users to gain root; it
#   behaves unpredictably without a TTY and leaves sudo (and its
#   configuration) in the image, where it helps an attacker escalate.
# related_resources:
#   - ref: https://docs.docker.com/reference/dockerfile/#user
#   - ref: https://docs.docker.com/build/building/best-practices/#user
# custom:
#   id: IG-DOCKER-008
#   severity: medium
#   remediation: |
#     Run the privileged steps as root before switching user:
#       USER root
#       RUN apt-get update && apt-get install -y --no-install-recommends curl
#       USER app
package infragate.rules.docker.sudo

import data.infragate.lib.docker

deny contains {"msg": msg, "path": [i], "resource": docker.resource(ins)} if {
	some i, ins in docker.instructions("run")
	regex.match(`(^|[;&|(\x60]|\bthen|\bdo|\bexec)\s*sudo\s`, docker.text(ins))
	msg := "RUN uses sudo"
}
