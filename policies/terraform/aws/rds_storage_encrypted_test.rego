package infragate.rules.terraform.aws.rds_storage_encrypted_test

import data.infragate.lib.terraform_test.locs
import data.infragate.rules.terraform.aws.rds_storage_encrypted.deny

test_explicit_false if {
	r := deny with input as {"resource": {"aws_db_instance": {"x": [{"storage_encrypted": false}]}}}
	locs(r) == {["aws_db_instance.x", ["resource", "aws_db_instance", "x", 0, "storage_encrypted"]]}
	some f in r
	startswith(f.msg, "aws_db_instance.x: ")
}

test_missing if {
	r := deny with input as {"resource": {"aws_rds_cluster": {"x": [{"engine": "aurora-mysql"}]}}}
	locs(r) == {["aws_rds_cluster.x", ["resource", "aws_rds_cluster", "x", 0]]}
	some f in r
	startswith(f.msg, "aws_rds_cluster.x: ")
}

test_encrypted if {
	count(deny) == 0 with input as {"resource": {"aws_db_instance": {"x": [{"storage_encrypted": true}]}}}
}

test_replica if {
	count(deny) == 0 with input as {"resource": {"aws_db_instance": {"x": [{"replicate_source_db": "${aws_db_instance.main.identifier}"}]}}}
}

test_serverless_v1 if {
	count(deny) == 0 with input as {"resource": {"aws_rds_cluster": {"x": [{"engine_mode": "serverless"}]}}}
}

test_unknown if {
	count(deny) == 0 with input as {"resource": {"aws_db_instance": {"x": [{"storage_encrypted": "${var.encrypted}"}]}}}
}
