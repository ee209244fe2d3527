resource "google_container_cluster" "primary" {
  name               = "primary"
  location           = "europe-west1"
  initial_node_count = 1
  enable_legacy_abac = true # expect: IG-GCP-GKE-001
}
