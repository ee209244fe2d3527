package infragate.rules.terraform.aws.hardcoded_secrets_test

import data.infragate.lib.terraform_test.locs
import data.infragate.rules.terraform.aws.hardcoded_secrets.deny

test_resource_password if {
	r := deny with input as {"resource": {"aws_db_instance": {"db": [{"password": "hunter2"}]}}}
	locs(r) == {["aws_db_instance.db", ["resource", "aws_db_instance", "db", 0, "password"]]}
	some f in r
	f.msg == "aws_db_instance.db: password is written into the configuration"
	not contains(f.msg, "hunter2")
}

test_json_object_shape if {
	r := deny with input as {"resource": {"aws_rds_cluster": {"c": {"master_password": "hunter2"}}}}
	locs(r) == {["aws_rds_cluster.c", ["resource", "aws_rds_cluster", "c", "master_password"]]}
}

test_provider_credentials if {
	r := deny with input as {"provider": {"aws": [{"region": "eu-west-1", "access_key": "AKIAX", "secret_key": "s"}, {"alias": "b", "token": "t"}]}}
	locs(r) == {
		["provider.aws", ["provider", "aws", 0, "access_key"]],
		["provider.aws", ["provider", "aws", 0, "secret_key"]],
		["provider.aws", ["provider", "aws", 1, "token"]],
	}
}

test_provider_json_object if {
	r := deny with input as {"provider": {"aws": {"secret_key": "s"}}}
	locs(r) == {["provider.aws", ["provider", "aws", "secret_key"]]}
}

test_secure_string_only if {
	r := deny with input as {"resource": {"aws_ssm_parameter": {
		"s": [{"type": "SecureString", "value": "v"}],
		"p": [{"type": "String", "value": "v"}],
	}}}
	locs(r) == {["aws_ssm_parameter.s", ["resource", "aws_ssm_parameter", "s", 0, "value"]]}
}

test_not_literal if {
	count(deny) == 0 with input as {
		"provider": {"aws": [{"access_key": "${var.key}", "region": "eu-west-1"}]},
		"resource": {
			"aws_db_instance": {"db": [{"password": "${random_password.db.result}"}]},
			"aws_rds_cluster": {"c": [{"master_password": "  "}]},
			"aws_redshift_cluster": {"r": [{"master_password": "prefix-${var.x}"}]},
			"aws_elasticache_replication_group": {"e": [{"auth_token": null}]},
		},
	}
}

test_provider_json_ordered if {
	r := deny with input as {"provider": [{"aws": {"secret_key": "s"}}, {"aws": [{"alias": "b", "access_key": "k"}]}]}
	locs(r) == {
		["provider.aws", ["provider", 0, "aws", "secret_key"]],
		["provider.aws", ["provider", 1, "aws", 0, "access_key"]],
	}
}
