package infragate.rules.docker.add_remote_url_test

import data.infragate.lib.docker_test.flagged
import data.infragate.lib.docker_test.ins
import data.infragate.lib.docker_test.locs
import data.infragate.rules.docker.add_remote_url.deny

test_remote_add if {
	r := deny with input as [ins("from", ["alpine:3.20"], 0), ins("add", ["https://example.com/tool.tgz", "/opt/"], 0), ins("add", ["git@github.com:org/repo.git", "/src"], 0)]
	locs(r) == {["stage 0", [1]], ["stage 0", [2]]}
}

test_local_and_checksum_pass if {
	count(deny) == 0 with input as [
		ins("from", ["alpine:3.20"], 0),
		ins("add", ["app.tar.gz", "/opt/"], 0),
		flagged("add", ["--checksum=sha256:abc"], ["https://example.com/tool.tgz", "/opt/"], 0),
		ins("copy", ["https://not-a-download", "/x"], 0),
	]
}
