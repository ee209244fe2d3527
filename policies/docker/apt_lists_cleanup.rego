# METADATA
# title: apt-get install without removing the package lists
# description: >-
#   A RUN that installs with apt-get (or apt) but does not remove
#   /var/lib/apt/lists (rm, or apt-get dist-clean) in the same RUN leaves tens
#   of megabytes of package indexes in the layer, and stale indexes for later
#   installs. Stages that do not end up in the final image, and RUNs with an
#   apt cache mount, are not reported.
# related_resources:
#   - ref: https://docs.docker.com/reference/dockerfile/#run
#   - ref: https://docs.docker.com/build/building/best-practices/#apt-get
# custom:
#   id: IG-DOCKER-006
#   severity: low
#   remediation: |
#     Update, install and clean up in one RUN:
#       RUN apt-get update \
#        && apt-get install -y --no-install-recommends curl \
#        && rm -rf /var/lib/apt/lists/*
package infragate.rules.docker.apt_lists_cleanup

import data.infragate.lib.docker

deny contains {"msg": msg, "path": [i], "_match": docker.apt_install_text(ins), "resource": docker.resource(ins)} if {
	some i, ins in docker.instructions("run")
	docker.stage(ins) in docker.image_stages
	docker.installs_apt(ins)
	not docker.apt_cache_mount(ins)
	not cleans_lists(docker.text(ins))
	msg := "RUN installs with apt-get but does not rm -rf /var/lib/apt/lists/* in the same layer"
}

# cleans_lists holds for a command that removes the package lists: rm of
# /var/lib/apt/lists, or apt-get dist-clean (apt 2.7+).
cleans_lists(cmd) if regex.match(`\brm\s[^;&|]*/var/lib/apt/lists`, cmd)

cleans_lists(cmd) if regex.match(`\bapt(-get)?\s+(-\S+\s+)*dist-clean\b`, cmd)
