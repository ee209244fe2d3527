# METADATA
# title: ADD downloads a remote URL
# description: >-
#   ADD with an http(s) or git URL fetches content at build time without
#   verifying it: a compromised or changed server changes the image. ADD
#   --checksum pins the content and is not reported.
# related_resources:
#   - ref: https://docs.docker.com/reference/dockerfile/#add
#   - ref: https://docs.docker.com/build/building/best-practices/#add-or-copy
# custom:
#   id: IG-DOCKER-003
#   severity: medium
#   remediation: |
#     Download with a verified checksum:
#       ADD --checksum=sha256:<digest> https://example.com/tool.tar.gz /tmp/
#     or fetch and verify in a RUN step (curl -fsSLo f URL && echo "<sha256>  f" | sha256sum -c -).
package infragate.rules.docker.add_remote_url

import data.infragate.lib.docker

deny contains {"msg": msg, "path": [i], "resource": docker.resource(ins)} if {
	some i, ins in docker.instructions("add")
	not checksum(ins)
	count(ins.Value) >= 2
	some src in array.slice(ins.Value, 0, count(ins.Value) - 1)
	regex.match(`^(https?://|git@|git://)`, src)
	msg := sprintf("ADD downloads %s without a checksum", [src])
}

checksum(ins) if {
	some f in ins.Flags
	startswith(f, "--checksum=")
}
