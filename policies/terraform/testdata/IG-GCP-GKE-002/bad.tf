resource "google_container_cluster" "public" { # expect: IG-GCP-GKE-002
  name               = "public"
  location           = "europe-west1"
  initial_node_count = 1
}

resource "google_container_cluster" "half" {
  name               = "half"
  location           = "europe-west1"
  initial_node_count = 1

  private_cluster_config {
    enable_private_nodes    = false # expect: IG-GCP-GKE-002
    enable_private_endpoint = false
  }
}
