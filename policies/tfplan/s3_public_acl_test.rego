package infragate.rules.tfplan.s3_public_acl_test

import data.infragate.lib.tfplan_test.change
import data.infragate.lib.tfplan_test.locs
import data.infragate.lib.tfplan_test.plan
import data.infragate.lib.tfplan_test.unknown_change
import data.infragate.rules.tfplan.s3_public_acl.deny

test_public_acl if {
	r := deny with input as plan([
		change("aws_s3_bucket", "site", ["create"], {"bucket": "site", "acl": "public-read"}),
		change("aws_s3_bucket_acl", "a", ["update"], {"acl": "authenticated-read"}),
	])
	locs(r) == {
		["aws_s3_bucket.site", ["resource_changes", 0, "change", "after", "acl"]],
		["aws_s3_bucket_acl.a", ["resource_changes", 1, "change", "after", "acl"]],
	}
}

test_private_and_unknown_pass if {
	count(deny) == 0 with input as plan([
		change("aws_s3_bucket_acl", "a", ["create"], {"acl": "private"}),
		unknown_change("aws_s3_bucket_acl", "b", ["acl"]),
		change("aws_s3_bucket", "gone", ["delete"], null),
	])
}
