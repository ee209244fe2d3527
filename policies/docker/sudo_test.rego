package infragate.rules.docker.sudo_test

import data.infragate.lib.docker_test.ins
import data.infragate.lib.docker_test.locs
import data.infragate.rules.docker.sudo.deny

test_sudo if {
	r := deny with input as [
		ins("from", ["debian:12"], 0),
		ins("run", ["sudo apt-get update"], 0),
		ins("run", ["make && sudo make install"], 0),
		ins("run", ["apt-get install -y sudo && echo 'app ALL=(ALL) NOPASSWD:ALL' > /etc/sudoers.d/app"], 0),
	]
	locs(r) == {["stage 0", [1]], ["stage 0", [2]]}
}
