package infragate.rules.workflows.unsecure_commands_test

import data.infragate.lib.workflows_test.locs
import data.infragate.lib.workflows_test.workflow
import data.infragate.rules.workflows.unsecure_commands.deny

test_every_level if {
	r := deny with input as object.union(
		workflow("push", {"a": {
			"env": {"ACTIONS_ALLOW_UNSECURE_COMMANDS": "True"},
			"steps": [{"run": "x", "env": {"ACTIONS_ALLOW_UNSECURE_COMMANDS": true}}],
		}}),
		{"env": {"ACTIONS_ALLOW_UNSECURE_COMMANDS": " true "}},
	)
	locs(r) == {
		["workflow", ["env", "ACTIONS_ALLOW_UNSECURE_COMMANDS"]],
		["jobs.a", ["jobs", "a", "env", "ACTIONS_ALLOW_UNSECURE_COMMANDS"]],
		["jobs.a", ["jobs", "a", "steps", 0, "env", "ACTIONS_ALLOW_UNSECURE_COMMANDS"]],
	}
}

test_off_or_templated if {
	count(deny) == 0 with input as workflow("push", {"a": {
		"env": {"ACTIONS_ALLOW_UNSECURE_COMMANDS": "false"},
		"steps": [{"run": "x", "env": {"ACTIONS_ALLOW_UNSECURE_COMMANDS": "${{ inputs.unsafe }}"}}],
	}})
}
