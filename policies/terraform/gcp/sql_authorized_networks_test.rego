package infragate.rules.terraform.gcp.sql_authorized_networks_test

import data.infragate.lib.terraform_test.locs
import data.infragate.rules.terraform.gcp.sql_authorized_networks.deny

test_open if {
	r := deny with input as {"resource": {"google_sql_database_instance": {"db": [{"settings": [{"ip_configuration": [{"authorized_networks": [{"name": "office", "value": "203.0.113.0/24"}, {"name": "all", "value": "0.0.0.0/0"}]}]}]}]}}}
	locs(r) == {["google_sql_database_instance.db", ["resource", "google_sql_database_instance", "db", 0, "settings", 0, "ip_configuration", 0, "authorized_networks", 1, "value"]]}
}

test_compliant if {
	count(deny) == 0 with input as {"resource": {"google_sql_database_instance": {"db": [{"settings": [{"ip_configuration": [{"authorized_networks": [{"value": "203.0.113.0/24"}]}]}]}]}}}
}

test_unknown if {
	count(deny) == 0 with input as {"resource": {"google_sql_database_instance": {"db": [{"settings": [{"ip_configuration": [{"authorized_networks": [{"value": "${var.cidr}"}]}]}]}]}}}
}
