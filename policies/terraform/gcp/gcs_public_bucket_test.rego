package infragate.rules.terraform.gcp.gcs_public_bucket_test

import data.infragate.lib.terraform_test.locs
import data.infragate.rules.terraform.gcp.gcs_public_bucket.deny

test_binding if {
	r := deny with input as {"resource": {"google_storage_bucket_iam_binding": {"b": [{"role": "roles/storage.objectViewer", "members": ["user:a@example.com", "allUsers"]}]}}}
	locs(r) == {["google_storage_bucket_iam_binding.b", ["resource", "google_storage_bucket_iam_binding", "b", 0, "members"]]}
}

test_member_and_acl if {
	r := deny with input as {"resource": {
		"google_storage_bucket_iam_member": {"m": [{"role": "roles/storage.objectViewer", "member": "allAuthenticatedUsers"}]},
		"google_storage_bucket_acl": {"a": [{"role_entity": ["OWNER:user-a@example.com", "READER:allUsers"]}]},
	}}
	locs(r) == {
		["google_storage_bucket_iam_member.m", ["resource", "google_storage_bucket_iam_member", "m", 0, "member"]],
		["google_storage_bucket_acl.a", ["resource", "google_storage_bucket_acl", "a", 0, "role_entity"]],
	}
}

test_compliant if {
	count(deny) == 0 with input as {"resource": {
		"google_storage_bucket_iam_member": {"m": [{"role": "roles/storage.objectViewer", "member": "serviceAccount:a@p.iam.gserviceaccount.com"}]},
		"google_storage_bucket_iam_binding": {"b": [{"role": "roles/storage.admin", "members": ["group:ops@example.com"]}]},
	}}
}

test_unknown if {
	count(deny) == 0 with input as {"resource": {
		"google_storage_bucket_iam_member": {"m": [{"role": "roles/storage.objectViewer", "member": "${var.member}"}]},
		"google_storage_bucket_iam_binding": {"b": [{"role": "roles/storage.admin", "members": "${var.members}"}]},
	}}
}
