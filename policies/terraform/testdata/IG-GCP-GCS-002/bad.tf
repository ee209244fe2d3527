resource "google_storage_bucket" "assets" { # expect: IG-GCP-GCS-002
  name     = "example-assets"
  location = "EU"
}

resource "google_storage_bucket" "legacy" {
  name                        = "example-legacy"
  location                    = "EU"
  uniform_bucket_level_access = false # expect: IG-GCP-GCS-002
}
