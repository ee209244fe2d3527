package infragate.rules.tfplan.stateful_delete_test

import data.infragate.lib.tfplan_test.change
import data.infragate.lib.tfplan_test.locs
import data.infragate.lib.tfplan_test.plan
import data.infragate.rules.tfplan.stateful_delete.deny

test_delete_database if {
	r := deny with input as plan([change("aws_db_instance", "main", ["delete"], null)])
	locs(r) == {["aws_db_instance.main", ["resource_changes", 0, "change", "actions"]]}
	some f in r
	contains(f.msg, "destroys")
}

test_replace_bucket_and_azure_sql if {
	r := deny with input as plan([
		change("aws_instance", "web", ["delete", "create"], {}),
		change("aws_s3_bucket", "logs", ["create", "delete"], {"bucket": "logs"}),
		change("azurerm_mssql_database", "db", ["delete", "create"], {}),
	])
	locs(r) == {
		["aws_s3_bucket.logs", ["resource_changes", 1, "change", "actions"]],
		["azurerm_mssql_database.db", ["resource_changes", 2, "change", "actions"]],
	}
	every f in r {
		contains(f.msg, "replaces")
	}
}

test_create_update_and_stateless_delete_pass if {
	count(deny) == 0 with input as plan([
		change("aws_db_instance", "main", ["update"], {"allocated_storage": 50}),
		change("aws_kms_key", "k", ["create"], {}),
		change("aws_instance", "web", ["delete"], null),
		change("azurerm_mssql_firewall_rule", "fw", ["delete"], null),
		change("google_sql_database_instance", "i", ["no-op"], {}),
	])
}

test_data_source_read_passes if {
	count(deny) == 0 with input as plan([object.union(change("aws_s3_bucket", "b", ["delete"], null), {"mode": "data"})])
}
