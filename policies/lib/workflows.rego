# Helpers shared by the built-in GitHub Actions workflow rules. Input is one
# workflow file read as GitHub reads it (YAML 1.2: `on` is a key).
#
# Conventions the rules follow:
#   - resource: "jobs.<id>" for findings in a job, "workflow" for the file.
#   - paths point at the offending value (uses, run, with.ref, permissions);
#     a missing top-level key is reported on the document. A finding about
#     part of a script names that text in _match, so that it lands on the
#     text's line rather than on the whole script.
#   - values holding ${{ ... }} expressions are judged only where the
#     expression itself is the problem (script injection).
package infragate.lib.workflows

# on is the trigger value; a YAML 1.1 reading turns the key into "true".
on := input.on

on := input["true"] if not has_on

# has_on holds when the document has an `on` key, whatever its value.
# Input is only ever named with its keys, never passed whole (to has_key,
# is_object): the engine then converts only the parts the rules read.
has_on if _ = input.on

# has_permissions holds when the document has a `permissions` key.
has_permissions if _ = input.permissions

# is_workflow holds for a GitHub Actions workflow.
is_workflow if {
	is_object(input.jobs)
	has_on
}

is_workflow if {
	is_object(input.jobs)
	_ = input["true"]
}

has_key(obj, k) if _ = obj[k]

# triggers lists the events that start the workflow.
triggers contains t if {
	is_workflow
	is_string(on)
	t := on
}

triggers contains t if {
	is_workflow
	is_array(on)
	some t in on
}

triggers contains t if {
	is_workflow
	is_object(on)
	some t, _ in on
}

# jobs maps each job id to its body.
jobs[id] := job if {
	is_workflow
	some id, job in input.jobs
	is_object(job)
}

resource(id) := sprintf("jobs.%s", [id])

# steps lists every step as {job, index, step, path}.
steps contains s if {
	some id, job in jobs
	some i, step in job.steps
	is_object(step)
	s := {"job": id, "index": i, "step": step, "path": ["jobs", id, "steps", i]}
}

# uses lists every action or reusable workflow reference: steps' and jobs'
# `uses`, parsed as {owner, repo, ref, value, job, path}. Local (./) and
# docker:// references are not included.
uses contains u if {
	some s in steps
	u := reference(s.step.uses, s.job, array.concat(s.path, ["uses"]))
}

uses contains u if {
	some id, job in jobs
	u := reference(job.uses, id, ["jobs", id, "uses"])
}

reference(value, job, path) := u if {
	is_string(value)
	not startswith(value, "./")
	not startswith(value, "docker://")
	not contains(value, "${{")
	at := indexof(value, "@")
	name := substring(value, 0, at)
	parts := split(name, "/")
	count(parts) >= 2
	u := {
		"owner": lower(parts[0]),
		"repo": lower(parts[1]),
		"ref": ref(value, at),
		"value": value,
		"job": job,
		"path": path,
	}
}

ref(value, at) := substring(value, at + 1, -1) if at >= 0

ref(_, at) := "" if at < 0

# first_party holds for references to GitHub's own actions.
first_party(u) if u.owner in {"actions", "github"}

# pinned holds for a reference to a full commit SHA.
pinned(u) if regex.match(`^[0-9a-f]{40}$`, u.ref)

# expressions lists the ${{ ... }} expressions in a string.
expressions(s) := regex.find_n(`\$\{\{[^}]*\}\}`, s, -1) if is_string(s)

expressions(s) := [] if not is_string(s)

# normalized is text with GitHub expression property accesses as GitHub
# reads them: names case-insensitive, x['name'] (or x["name"]) as x.name.
normalized(e) := regex.replace(regex.replace(lower(e), `\s*\[\s*'([^']*)'\s*\]`, ".${1}"), `\s*\[\s*"([^"]*)"\s*\]`, ".${1}")
