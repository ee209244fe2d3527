package infragate.rules.terraform.gcp.hardcoded_secrets_test

import data.infragate.lib.terraform_test.locs
import data.infragate.rules.terraform.gcp.hardcoded_secrets.deny

test_sql_user_password if {
	r := deny with input as {"resource": {"google_sql_user": {"u": [{"password": "pw"}]}}}
	locs(r) == {["google_sql_user.u", ["resource", "google_sql_user", "u", 0, "password"]]}
	some f in r
	not contains(f.msg, "\"pw\"")
}

test_provider_access_token if {
	r := deny with input as {"provider": {"google": [{"access_token": "ya29.x"}]}}
	locs(r) == {["provider.google", ["provider", "google", 0, "access_token"]]}
}

test_credentials_path_not_reported if {
	count(deny) == 0 with input as {
		"provider": {"google": [{"credentials": "account.json", "access_token": "${var.t}"}]},
		"resource": {"google_secret_manager_secret_version": {"v": [{"secret_data": "${random_password.p.result}"}]}},
	}
}
