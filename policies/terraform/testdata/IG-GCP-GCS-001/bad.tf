resource "google_storage_bucket_iam_binding" "public_read" {
  bucket  = google_storage_bucket.assets.name
  role    = "roles/storage.objectViewer"
  members = ["allUsers"] # expect: IG-GCP-GCS-001
}

resource "google_storage_bucket_iam_member" "any_google_account" {
  bucket = google_storage_bucket.assets.name
  role   = "roles/storage.objectViewer"
  member = "allAuthenticatedUsers" # expect: IG-GCP-GCS-001
}

resource "google_storage_bucket_acl" "legacy" {
  bucket      = google_storage_bucket.assets.name
  role_entity = ["OWNER:project-owners-123456", "READER:allUsers"] # expect: IG-GCP-GCS-001
}
