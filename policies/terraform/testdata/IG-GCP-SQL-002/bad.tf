resource "google_sql_database_instance" "allow" {
  name             = "allow"
  database_version = "MYSQL_8_0"
  region           = "europe-west1"

  settings {
    tier = "db-f1-micro"

    ip_configuration {
      ipv4_enabled = false
      ssl_mode     = "ALLOW_UNENCRYPTED_AND_ENCRYPTED" # expect: IG-GCP-SQL-002
    }
  }
}

resource "google_sql_database_instance" "legacy" {
  name             = "legacy"
  database_version = "MYSQL_8_0"
  region           = "europe-west1"

  settings {
    tier = "db-f1-micro"

    ip_configuration {
      ipv4_enabled = false
      require_ssl  = false # expect: IG-GCP-SQL-002
    }
  }
}

resource "google_sql_database_instance" "unset" {
  name             = "unset"
  database_version = "POSTGRES_15"
  region           = "europe-west1"

  settings {
    tier = "db-f1-micro"

    ip_configuration { # expect: IG-GCP-SQL-002
      ipv4_enabled    = false
      private_network = google_compute_network.main.id
    }
  }
}
