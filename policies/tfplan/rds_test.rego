package infragate.rules.tfplan.rds_test

import data.infragate.lib.tfplan_test.change
import data.infragate.lib.tfplan_test.locs
import data.infragate.lib.tfplan_test.plan
import data.infragate.lib.tfplan_test.unknown_change
import data.infragate.rules.tfplan.rds_public
import data.infragate.rules.tfplan.rds_storage_encrypted

test_public if {
	r := rds_public.deny with input as plan([change("aws_db_instance", "db", ["create"], {"publicly_accessible": true, "storage_encrypted": true})])
	locs(r) == {["aws_db_instance.db", ["resource_changes", 0, "change", "after", "publicly_accessible"]]}
}

test_unencrypted if {
	r := rds_storage_encrypted.deny with input as plan([
		change("aws_rds_cluster", "c", ["create"], {"storage_encrypted": false, "engine_mode": "provisioned"}),
		change("aws_db_instance", "replica", ["create"], {"storage_encrypted": false, "replicate_source_db": "main"}),
		change("aws_db_instance", "restored", ["create"], {"storage_encrypted": false, "snapshot_identifier": "snap"}),
		change("aws_rds_cluster", "sls", ["create"], {"storage_encrypted": false, "engine_mode": "serverless"}),
	])
	locs(r) == {["aws_rds_cluster.c", ["resource_changes", 0, "change", "after", "storage_encrypted"]]}
}

test_compliant_and_unknown_pass if {
	p := plan([
		change("aws_db_instance", "db", ["create"], {"publicly_accessible": false, "storage_encrypted": true}),
		unknown_change("aws_db_instance", "u", ["publicly_accessible", "storage_encrypted"]),
	])
	count(rds_public.deny) == 0 with input as p
	count(rds_storage_encrypted.deny) == 0 with input as p
}
