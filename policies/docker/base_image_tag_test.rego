package infragate.rules.docker.base_image_tag_test

import data.infragate.lib.docker_test.ins
import data.infragate.lib.docker_test.locs
import data.infragate.rules.docker.base_image_tag.deny

test_latest_and_untagged if {
	r := deny with input as [
		ins("from", ["golang", "AS", "build"], 0),
		ins("from", ["registry.local:5000/team/app:latest"], 1),
		ins("from", ["registry.local:5000/team/base"], 2),
	]
	locs(r) == {["stage 0", [0]], ["stage 1", [1]], ["stage 2", [2]]}
	{f.msg | some f in r} == {
		"base image golang has no tag (resolves to latest)",
		"base image registry.local:5000/team/app:latest uses the latest tag",
		"base image registry.local:5000/team/base has no tag (resolves to latest)",
	}
}

test_pinned_scratch_stage_and_unknown_pass if {
	count(deny) == 0 with input as [
		ins("arg", ["BASE=debian"], 0),
		ins("from", ["${BASE}", "AS", "base"], 0),
		ins("from", ["golang:1.22.5", "AS", "build"], 1),
		ins("from", ["alpine@sha256:0123456789abcdef"], 2),
		ins("from", ["base"], 3),
		ins("from", ["scratch"], 4),
	]
}
