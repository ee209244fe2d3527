resource "google_container_cluster" "basic" {
  name               = "basic"
  location           = "europe-west1"
  initial_node_count = 1

  master_auth {
    username = "admin" # expect: IG-GCP-GKE-004
    password = var.admin_password

    client_certificate_config {
      issue_client_certificate = true # expect: IG-GCP-GKE-004
    }
  }
}
