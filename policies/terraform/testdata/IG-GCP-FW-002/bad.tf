resource "google_compute_firewall" "rdp" {
  name          = "allow-rdp"
  network       = google_compute_network.main.name
  source_ranges = ["0.0.0.0/0"] # expect: IG-GCP-FW-002

  allow {
    protocol = "tcp"
    ports    = ["3389"]
  }
}
