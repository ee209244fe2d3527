package infragate.rules.terraform.gcp.kms_rotation_test

import data.infragate.lib.terraform_test.locs
import data.infragate.rules.terraform.gcp.kms_rotation.deny

test_missing if {
	r := deny with input as {"resource": {"google_kms_crypto_key": {"k": [{"name": "k"}]}}}
	locs(r) == {["google_kms_crypto_key.k", ["resource", "google_kms_crypto_key", "k", 0]]}
}

test_too_long if {
	r := deny with input as {"resource": {"google_kms_crypto_key": {"k": [{"rotation_period": "31536000s"}]}}}
	locs(r) == {["google_kms_crypto_key.k", ["resource", "google_kms_crypto_key", "k", 0, "rotation_period"]]}
}

test_compliant if {
	count(deny) == 0 with input as {"resource": {"google_kms_crypto_key": {
		"a": [{"rotation_period": "7776000s"}],
		"b": [{"purpose": "ASYMMETRIC_SIGN"}],
	}}}
}

test_unknown if {
	count(deny) == 0 with input as {"resource": {"google_kms_crypto_key": {
		"a": [{"rotation_period": "${var.rotation}"}],
		"b": [{"purpose": "${var.purpose}"}],
	}}}
}
