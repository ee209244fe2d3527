package infragate.rules.docker.apt_test

import data.infragate.lib.docker_test.flagged
import data.infragate.lib.docker_test.ins
import data.infragate.lib.docker_test.locs
import data.infragate.rules.docker.apt_lists_cleanup
import data.infragate.rules.docker.apt_no_install_recommends

df := [
	ins("from", ["debian:12", "AS", "build"], 0),
	ins("run", ["apt-get update && apt-get install -y gcc"], 0),
	ins("from", ["debian:12"], 1),
	ins("run", ["apt-get update && apt-get install -y curl"], 1),
	ins("run", ["apt-get update && apt-get install -y --no-install-recommends jq && rm -rf /var/lib/apt/lists/*"], 1),
	flagged("run", ["--mount=type=cache,target=/var/lib/apt,sharing=locked"], ["apt-get update && apt-get install -y --no-install-recommends git"], 1),
	ins("run", ["apt-get update && apt-get install -y vim; rm -fr /var/lib/apt/lists"], 1),
	ins("run", ["apt-get update; apt-get install -y --no-install-recommends vim; apt-get dist-clean"], 1),
]

test_cleanup if {
	locs(apt_lists_cleanup.deny) == {["stage 1", [3]]} with input as df
}

test_no_install_recommends if {
	locs(apt_no_install_recommends.warn) == {["stage 0", [1]], ["stage 1", [3]], ["stage 1", [6]]} with input as df
}

test_install_recommends_configured if {
	count(apt_no_install_recommends.warn) == 0 with input as [
		ins("from", ["debian:12"], 0),
		ins("run", [`echo 'APT::Install-Recommends "false";' > /etc/apt/apt.conf.d/99norecommends`], 0),
		ins("run", ["apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*"], 0),
	]
}
