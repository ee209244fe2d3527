# Test helpers shared by the Dockerfile rule tests, and tests of the helpers.
package infragate.lib.docker_test

import data.infragate.lib.docker

# locs reduces a rule's results to (resource, path) pairs for comparisons.
locs(results) := {[r.resource, r.path] | some r in results}

# ins builds an instruction of stage s.
ins(cmd, value, s) := {"Cmd": cmd, "Flags": [], "Value": value, "Stage": s, "Original": concat(" ", array.concat([upper(cmd)], value)), "JSON": false}

# flagged builds an instruction with flags.
flagged(cmd, flags, value, s) := object.union(ins(cmd, value, s), {"Flags": flags})

multi := [
	ins("arg", ["GO=1.22"], 0),
	ins("from", ["golang:${GO}", "AS", "Build"], 0),
	ins("run", ["go build ./..."], 0),
	ins("from", ["build", "as", "test"], 1),
	ins("from", ["alpine:3.20"], 2),
	ins("from", ["build"], 3),
]

test_stages if {
	docker.final_stage == 3 with input as multi
	docker.parent == {1: 0, 3: 0} with input as multi
	docker.image_stages == {0, 3} with input as multi
	docker.is_stage_ref(3) with input as multi
	not docker.is_stage_ref(2) with input as multi
}

test_not_a_dockerfile if {
	not docker.is_dockerfile with input as {"Cmd": "from"}
	not docker.is_dockerfile with input as []
	not docker.is_dockerfile with input as [{"kind": "Pod"}]
	count(docker.instructions("from")) == 0 with input as [{"Cmd": 1, "Value": []}]
}

test_installs_apt if {
	docker.installs_apt(ins("run", ["apt-get -y -q install curl"], 0))
	docker.installs_apt(ins("run", ["apt install curl"], 0))
	not docker.installs_apt(ins("run", ["apt-get update"], 0))
	not docker.installs_apt(ins("run", ["echo my-apt-get install"], 0))
}

test_env_pairs if {
	docker.env_pairs(ins("env", ["A", `"b c"`, "=", "D", "e", "="], 0)) == [["A", `"b c"`], ["D", "e"]]
	docker.env_pairs(ins("env", ["A", "b c", " "], 0)) == [["A", "b c"]]
	docker.env_pairs(ins("env", ["A", "b"], 0)) == [["A", "b"]]
}

test_text_with_heredoc if {
	docker.text(object.union(ins("run", ["<<EOF"], 0), {"Heredocs": [{"Name": "EOF", "Content": "curl x | sh\n"}]})) == "<<EOF\ncurl x | sh\n"
}
