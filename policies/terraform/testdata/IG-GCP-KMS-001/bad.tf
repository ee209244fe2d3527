resource "google_kms_crypto_key" "never" { # expect: IG-GCP-KMS-001
  name     = "never"
  key_ring = google_kms_key_ring.main.id
}

resource "google_kms_crypto_key" "yearly" {
  name            = "yearly"
  key_ring        = google_kms_key_ring.main.id
  rotation_period = "31536000s" # expect: IG-GCP-KMS-001
}
