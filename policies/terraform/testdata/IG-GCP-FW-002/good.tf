resource "google_compute_firewall" "rdp" {
  name          = "allow-rdp-from-vpn"
  network       = google_compute_network.main.name
  source_ranges = ["10.8.0.0/16"]

  allow {
    protocol = "tcp"
    ports    = ["3389"]
  }
}
