package infragate.rules.tfplan.ebs_volume_encrypted_test

import data.infragate.lib.tfplan_test.change
import data.infragate.lib.tfplan_test.locs
import data.infragate.lib.tfplan_test.plan
import data.infragate.lib.tfplan_test.unknown_change
import data.infragate.rules.tfplan.ebs_volume_encrypted.deny

test_unencrypted if {
	r := deny with input as plan([
		change("aws_ebs_volume", "data", ["create"], {"encrypted": false, "snapshot_id": null}),
		change("aws_ebs_volume", "from_snap", ["create"], {"encrypted": false, "snapshot_id": "snap-1"}),
	])
	locs(r) == {["aws_ebs_volume.data", ["resource_changes", 0, "change", "after", "encrypted"]]}
}

test_encrypted_and_unknown_pass if {
	count(deny) == 0 with input as plan([
		change("aws_ebs_volume", "a", ["create"], {"encrypted": true}),
		unknown_change("aws_ebs_volume", "b", ["encrypted"]),
	])
}
