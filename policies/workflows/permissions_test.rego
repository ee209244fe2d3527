package infragate.rules.workflows.permissions_test

import data.infragate.lib.workflows_test.locs
import data.infragate.lib.workflows_test.workflow
import data.infragate.rules.workflows.missing_permissions
import data.infragate.rules.workflows.write_all_permissions

test_write_all if {
	r := write_all_permissions.deny with input as object.union(
		workflow("push", {
			"a": {"permissions": "write-all", "steps": []},
			"b": {"permissions": {"contents": "write"}, "steps": []},
		}),
		{"permissions": "write-all"},
	)
	locs(r) == {["workflow", ["permissions"]], ["jobs.a", ["jobs", "a", "permissions"]]}
}

test_missing if {
	r := missing_permissions.warn with input as workflow("push", {
		"b": {"steps": []},
		"a": {"permissions": {"contents": "read"}, "steps": []},
		"c": {"uses": "org/r/.github/workflows/x.yml@main"},
	})
	locs(r) == {["workflow", []]}
	some f in r
	f.msg == "no top-level permissions: job(s) b, c use the repository's default token permissions"
}

test_restricted_pass if {
	count(missing_permissions.warn) == 0 with input as object.union(workflow("push", {"a": {"steps": []}}), {"permissions": {}})
	count(missing_permissions.warn) == 0 with input as workflow("push", {"a": {"permissions": "read-all", "steps": []}})
	count(write_all_permissions.deny) == 0 with input as object.union(workflow("push", {"a": {"permissions": "${{ inputs.p }}"}}), {"permissions": "read-all"})
}
