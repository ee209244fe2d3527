package infragate.rules.docker.curl_pipe_shell_test

import data.infragate.lib.docker_test.ins
import data.infragate.lib.docker_test.locs
import data.infragate.rules.docker.curl_pipe_shell.deny

test_pipes if {
	r := deny with input as [
		ins("from", ["debian:12"], 0),
		ins("run", ["curl -fsSL https://get.example.com | sh"], 0),
		ins("run", ["apt-get update && wget -qO- https://x.io/i.sh | sudo -E /bin/bash -s -- --yes"], 0),
		ins("run", [`sh -c "$(curl -fsSL https://x.io/install.sh)"`], 0),
		ins("run", ["/bin/sh", "-c", "bash <(curl -s https://x.io/i)"], 0),
	]
	locs(r) == {["stage 0", [1]], ["stage 0", [2]], ["stage 0", [3]], ["stage 0", [4]]}
}

test_downloads_without_shell_pass if {
	count(deny) == 0 with input as [
		ins("from", ["debian:12"], 0),
		ins("run", ["curl -fsSL https://x.io/key.gpg | gpg --dearmor -o /usr/share/keyrings/x.gpg"], 0),
		ins("run", ["wget -q https://x.io/t.tgz && echo abc t.tgz | sha256sum -c - && tar xzf t.tgz | shasum"], 0),
		ins("run", ["curl -o i.sh https://x.io/i.sh && sh i.sh"], 0),
	]
}
