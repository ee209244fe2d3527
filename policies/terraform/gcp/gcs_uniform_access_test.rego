package infragate.rules.terraform.gcp.gcs_uniform_access_test

import data.infragate.lib.terraform_test.locs
import data.infragate.rules.terraform.gcp.gcs_uniform_access.deny

test_explicit_false if {
	r := deny with input as {"resource": {"google_storage_bucket": {"x": [{"uniform_bucket_level_access": false}]}}}
	locs(r) == {["google_storage_bucket.x", ["resource", "google_storage_bucket", "x", 0, "uniform_bucket_level_access"]]}
	some f in r
	startswith(f.msg, "google_storage_bucket.x: ")
}

test_missing if {
	r := deny with input as {"resource": {"google_storage_bucket": {"x": [{"name": "x"}]}}}
	locs(r) == {["google_storage_bucket.x", ["resource", "google_storage_bucket", "x", 0]]}
	some f in r
	startswith(f.msg, "google_storage_bucket.x: ")
}

test_enabled if {
	count(deny) == 0 with input as {"resource": {"google_storage_bucket": {"x": [{"uniform_bucket_level_access": true}]}}}
}

test_unknown if {
	count(deny) == 0 with input as {"resource": {"google_storage_bucket": {"x": [{"uniform_bucket_level_access": "${var.ubla}"}]}}}
}
