package infragate.rules.workflows.secrets_inherit_test

import data.infragate.lib.workflows_test.locs
import data.infragate.lib.workflows_test.workflow
import data.infragate.rules.workflows.secrets_inherit.warn

test_inherit if {
	r := warn with input as workflow("push", {
		"deploy": {"uses": "org/shared/.github/workflows/deploy.yml@v1", "secrets": "inherit"},
		"local": {"uses": "./.github/workflows/build.yml", "secrets": "inherit"},
		"named": {"uses": "org/shared/.github/workflows/x.yml@v1", "secrets": {"TOKEN": "${{ secrets.TOKEN }}"}},
		"steps": {"steps": [{"uses": "org/action@v1", "secrets": "inherit"}]},
	})
	locs(r) == {["jobs.deploy", ["jobs", "deploy", "secrets"]]}
}
