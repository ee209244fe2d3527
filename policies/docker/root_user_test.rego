package infragate.rules.docker.root_user_test

import data.infragate.lib.docker_test.ins
import data.infragate.lib.docker_test.locs
import data.infragate.rules.docker.root_user.deny

test_no_user if {
	r := deny with input as [ins("from", ["node:20", "AS", "build"], 0), ins("user", ["node"], 0), ins("from", ["nginx:1.27"], 1), ins("copy", ["a", "b"], 1)]
	locs(r) == {["stage 1", [2]]}
	some f in r
	contains(f.msg, "sets no USER")
}

test_user_root_last if {
	r := deny with input as [ins("from", ["debian:12"], 0), ins("user", ["app"], 0), ins("user", ["0:0"], 0)]
	locs(r) == {["stage 0", [2]]}
}

test_user_inherited_from_parent_stage if {
	count(deny) == 0 with input as [
		ins("from", ["debian:12", "AS", "base"], 0), ins("user", ["app"], 0),
		ins("from", ["golang:1.22", "AS", "build"], 1), ins("user", ["root"], 1),
		ins("from", ["base"], 2),
	]
}

test_compliant_and_unknown_pass if {
	count(deny) == 0 with input as [ins("from", ["debian:12"], 0), ins("user", ["root"], 0), ins("run", ["apt-get update"], 0), ins("user", ["10001"], 0)]
	count(deny) == 0 with input as [ins("from", ["debian:12"], 0), ins("user", ["${UID}"], 0)]
	count(deny) == 0 with input as [ins("from", ["gcr.io/distroless/static:nonroot"], 0)]
}

# Quotes are removed and a variable is read from the ENV, or the stage's
# ARG default, before the USER; an ARG of another stage is not seen.
test_user_from_variables if {
	locs(deny) == {["stage 0", [2]]} with input as [ins("from", ["debian:12"], 0), ins("arg", ["U=root"], 0), ins("user", ["$U"], 0)]
	locs(deny) == {["stage 0", [2]]} with input as [ins("from", ["debian:12"], 0), ins("env", ["U", "\"0\"", "="], 0), ins("user", ["\"${U}:${U}\""], 0)]
	locs(deny) == {["stage 0", [1]]} with input as [ins("from", ["debian:12"], 0), ins("user", ["'root'"], 0)]
	some f in deny with input as [ins("from", ["debian:12"], 0), ins("arg", ["U=root"], 0), ins("user", ["$U"], 0)]
	f.msg == "the last USER of the final image is $U (root): the container runs as root"
	count(deny) == 0 with input as [ins("from", ["debian:12"], 0), ins("env", ["U", "root", "="], 0), ins("env", ["U", "app", "="], 0), ins("user", ["$U"], 0)]
	count(deny) == 0 with input as [ins("from", ["debian:12"], 0), ins("user", ["$U"], 0), ins("env", ["U", "root", "="], 0)]
	count(deny) == 0 with input as [
		ins("from", ["debian:12", "AS", "a"], 0), ins("arg", ["U=root"], 0),
		ins("from", ["debian:12"], 1), ins("user", ["$U"], 1),
	]
}
