# Helpers shared by the built-in Dockerfile rules. Input is conftest's
# shape: an array of instructions {Cmd, Flags, Value, Stage, Original, JSON}
# with Cmd lowercased, Stage counting FROM instructions from 0, and Value
# the instruction's words (FROM: [image, "AS", name]; ENV: name, value
# triples (see env_pairs); ARG: ["NAME=value"] or ["NAME"]; RUN: the
# command, or the exec form's words, and Heredocs: [{Name, Content}]).
#
# Conventions the rules follow:
#   - paths are [index] of the offending instruction; a finding about part
#     of a RUN names that text in _match (the line it is on in a RUN that
#     spans lines).
#   - resource: "stage N" (N the stage index) of that instruction.
#   - values that use build variables ($VAR, ${VAR}) are unknown and never
#     produce a finding.
package infragate.lib.docker

# is_dockerfile holds for a non-empty array of instructions.
is_dockerfile if {
	is_array(input)
	count(input) > 0
	every ins in input {
		is_string(ins.Cmd)
		is_array(ins.Value)
	}
}

# instructions maps the index of each instruction of kind cmd to it.
instructions(cmd) := {i: ins |
	is_dockerfile
	some i, ins in input
	lower(ins.Cmd) == cmd
}

stage(ins) := object.get(ins, "Stage", 0)

# resource names the stage of an instruction.
resource(ins) := sprintf("stage %d", [stage(ins)])

# unknown holds for text that uses a build variable.
unknown(s) if contains(s, "$")

# text is an instruction's words as one string (RUN shell and exec forms),
# followed by the content of its heredocs (RUN <<EOF ... EOF).
text(ins) := concat("\n", array.concat(
	[concat(" ", [w | some w in ins.Value; is_string(w)])],
	[h.Content | some h in object.get(ins, "Heredocs", []); is_string(h.Content)],
))

# env_pairs lists the [name, value] pairs of an ENV instruction. BuildKit
# (and so conftest) gives name, value, separator triples ("=" or " " for
# the legacy `ENV NAME value` form); plain pairs are accepted too.
env_pairs(ins) := [[ins.Value[k], ins.Value[k + 1]] | some k in numbers.range_step(0, count(ins.Value) - 3, 3)] if {
	triples(ins.Value)
} else := [[ins.Value[k], ins.Value[k + 1]] | some k in numbers.range_step(0, count(ins.Value) - 2, 2)]

triples(v) if {
	count(v) > 0
	count(v) % 3 == 0
	every k in numbers.range_step(2, count(v) - 1, 3) {
		v[k] in {"=", " ", ""}
	}
}

# ---- stages ----

# froms maps each stage to its FROM instruction: {index, image, name}.
froms[s] := f if {
	some i, ins in instructions("from")
	s := stage(ins)
	f := {"index": i, "image": ins.Value[0], "name": stage_name(ins)}
}

stage_name(ins) := lower(ins.Value[2]) if {
	count(ins.Value) >= 3
	lower(ins.Value[1]) == "as"
}

stage_name(ins) := "" if not count(ins.Value) >= 3

# parent maps a stage built FROM an earlier stage to that stage.
parent[s] := p if {
	some s, f in froms
	some p, g in froms
	p < s
	g.name != ""
	g.name == lower(f.image)
}

# is_stage_ref holds for the FROM of a stage that builds on an earlier one.
is_stage_ref(s) if parent[s]

final_stage := max({s | some s, _ in froms})

# image_stages are the stages whose layers end up in the final image: the
# last stage and the stages it is built FROM.
image_stages := graph.reachable({s: edges | some s, _ in froms; edges := [p | p := parent[s]]}, {final_stage})

# ---- shell commands ----

apt_install := `(^|[^a-zA-Z0-9_-])apt(-get)?(\s+-\S+)*\s+install\b`

# installs_apt holds for a RUN that installs packages with apt or apt-get.
installs_apt(ins) if regex.match(apt_install, text(ins))

# apt_install_text is the first apt(-get) install command of a RUN that
# installs_apt, from "apt" on: the text a finding about it names (_match).
apt_install_text(ins) := substring(found, indexof(found, "apt"), -1) if {
	found := regex.find_n(apt_install, text(ins), 1)[0]
}

# apt_cache_mount holds for a RUN that keeps apt's lists in a BuildKit cache
# mount, outside the image.
apt_cache_mount(ins) if {
	some f in ins.Flags
	is_string(f)
	contains(f, "type=cache")
	contains(f, "/var/lib/apt")
}
