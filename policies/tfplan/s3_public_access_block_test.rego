package infragate.rules.tfplan.s3_public_access_block_test

import data.infragate.lib.tfplan_test.change
import data.infragate.lib.tfplan_test.locs
import data.infragate.lib.tfplan_test.plan
import data.infragate.lib.tfplan_test.unknown_change
import data.infragate.rules.tfplan.s3_public_access_block.deny

test_false_setting if {
	r := deny with input as plan([change("aws_s3_bucket_public_access_block", "b", ["create"], {
		"block_public_acls": true, "block_public_policy": false,
		"ignore_public_acls": true, "restrict_public_buckets": true,
	})])
	locs(r) == {["aws_s3_bucket_public_access_block.b", ["resource_changes", 0, "change", "after", "block_public_policy"]]}
}

test_all_true_and_unknown_pass if {
	count(deny) == 0 with input as plan([
		change("aws_s3_account_public_access_block", "a", ["create"], {
			"block_public_acls": true, "block_public_policy": true,
			"ignore_public_acls": true, "restrict_public_buckets": true,
		}),
		unknown_change("aws_s3_bucket_public_access_block", "b", ["block_public_acls", "block_public_policy"]),
	])
}
