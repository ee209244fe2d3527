package infragate.rules.terraform.aws.rds_backup_disabled_test

import data.infragate.lib.terraform_test.locs
import data.infragate.rules.terraform.aws.rds_backup_disabled.deny

test_zero if {
	r := deny with input as {"resource": {"aws_db_instance": {"x": [{"backup_retention_period": 0}]}}}
	locs(r) == {["aws_db_instance.x", ["resource", "aws_db_instance", "x", 0, "backup_retention_period"]]}
	some f in r
	startswith(f.msg, "aws_db_instance.x: ")
}

test_seven if {
	count(deny) == 0 with input as {"resource": {"aws_db_instance": {"x": [{"backup_retention_period": 7}]}}}
}

test_default if {
	count(deny) == 0 with input as {"resource": {"aws_rds_cluster": {"x": [{"engine": "aurora-mysql"}]}}}
}

test_unknown if {
	count(deny) == 0 with input as {"resource": {"aws_db_instance": {"x": [{"backup_retention_period": "${var.retention}"}]}}}
}
