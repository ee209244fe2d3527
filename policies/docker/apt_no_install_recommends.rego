# METADATA
# title: apt-get install without --no-install-recommends
# description: >-
#   apt-get install pulls in recommended packages by default: a bigger image
#   and a bigger attack surface than the packages asked for. Not reported when
#   the RUN, or an earlier one, configures APT::Install-Recommends.
# related_resources:
#   - ref: https://docs.docker.com/build/building/best-practices/#apt-get
# custom:
#   id: IG-DOCKER-007
#   severity: low
#   remediation: |
#     RUN apt-get update \
#      && apt-get install -y --no-install-recommends ca-certificates \
#      && rm -rf /var/lib/apt/lists/*
package infragate.rules.docker.apt_no_install_recommends

import data.infragate.lib.docker

warn contains {"msg": msg, "path": [i], "_match": docker.apt_install_text(ins), "resource": docker.resource(ins)} if {
	some i, ins in docker.instructions("run")
	docker.installs_apt(ins)
	not contains(docker.text(ins), "--no-install-recommends")
	not configured(i)
	msg := "apt-get install without --no-install-recommends"
}

configured(i) if {
	some j, ins in docker.instructions("run")
	j <= i
	contains(docker.text(ins), "Install-Recommends")
}
