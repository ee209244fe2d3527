package infragate.rules.terraform.gcp.sql_ssl_test

import data.infragate.lib.terraform_test.locs
import data.infragate.rules.terraform.gcp.sql_ssl.deny

prefix := ["resource", "google_sql_database_instance", "db", 0, "settings", 0, "ip_configuration", 0]

db(ipc) := {"resource": {"google_sql_database_instance": {"db": [{"settings": [{"ip_configuration": [ipc]}]}]}}}

test_ssl_mode_allow if {
	r := deny with input as db({"ssl_mode": "ALLOW_UNENCRYPTED_AND_ENCRYPTED"})
	locs(r) == {["google_sql_database_instance.db", array.concat(prefix, ["ssl_mode"])]}
}

test_require_ssl_false if {
	r := deny with input as db({"require_ssl": false})
	locs(r) == {["google_sql_database_instance.db", array.concat(prefix, ["require_ssl"])]}
}

test_neither if {
	r := deny with input as db({"ipv4_enabled": true})
	locs(r) == {["google_sql_database_instance.db", prefix]}
}

test_compliant if {
	count(deny) == 0 with input as db({"ssl_mode": "ENCRYPTED_ONLY"})
	count(deny) == 0 with input as db({"require_ssl": true})
}

test_unknown if {
	count(deny) == 0 with input as db({"ssl_mode": "${var.ssl_mode}"})
	count(deny) == 0 with input as db({"require_ssl": "${var.require_ssl}"})
}
