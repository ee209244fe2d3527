provider "google" {
  project      = "example"
  access_token = "ya29.example-token" # expect: IG-GCP-SECRET-001
}

resource "google_sql_user" "app" {
  name     = "app"
  instance = google_sql_database_instance.main.name
  password = "example-password" # expect: IG-GCP-SECRET-001
}

resource "google_secret_manager_secret_version" "api" {
  secret      = google_secret_manager_secret.api.id
  secret_data = "example-secret-data" # expect: IG-GCP-SECRET-001
}
