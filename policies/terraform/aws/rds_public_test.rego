package infragate.rules.terraform.aws.rds_public_test

import data.infragate.lib.terraform_test.locs
import data.infragate.rules.terraform.aws.rds_public.deny

test_public if {
	r := deny with input as {"resource": {"aws_db_instance": {"x": [{"publicly_accessible": true}]}}}
	locs(r) == {["aws_db_instance.x", ["resource", "aws_db_instance", "x", 0, "publicly_accessible"]]}
	some f in r
	startswith(f.msg, "aws_db_instance.x: ")
}

test_cluster_instance if {
	r := deny with input as {"resource": {"aws_rds_cluster_instance": {"x": [{"publicly_accessible": "true"}]}}}
	locs(r) == {["aws_rds_cluster_instance.x", ["resource", "aws_rds_cluster_instance", "x", 0, "publicly_accessible"]]}
	some f in r
	startswith(f.msg, "aws_rds_cluster_instance.x: ")
}

test_private if {
	count(deny) == 0 with input as {"resource": {"aws_db_instance": {"x": [{"publicly_accessible": false}]}}}
}

test_default if {
	count(deny) == 0 with input as {"resource": {"aws_db_instance": {"x": [{"engine": "postgres"}]}}}
}

test_unknown if {
	count(deny) == 0 with input as {"resource": {"aws_db_instance": {"x": [{"publicly_accessible": "${var.public}"}]}}}
}
