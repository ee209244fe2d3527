resource "google_storage_bucket_iam_binding" "readers" {
  bucket  = google_storage_bucket.assets.name
  role    = "roles/storage.objectViewer"
  members = ["group:readers@example.com", "serviceAccount:${google_service_account.app.email}"]
}

resource "google_storage_bucket_iam_member" "configurable" {
  bucket = google_storage_bucket.assets.name
  role   = "roles/storage.objectViewer"
  member = var.reader
}
