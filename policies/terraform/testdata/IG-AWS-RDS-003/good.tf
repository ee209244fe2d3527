resource "aws_db_instance" "app" {
  identifier              = "app"
  engine                  = "postgres"
  instance_class          = "db.t3.micro"
  allocated_storage       = 20
  storage_encrypted       = true
  backup_retention_period = 14
}

resource "aws_rds_cluster" "main" {
  cluster_identifier      = "main"
  engine                  = "aurora-postgresql"
  storage_encrypted       = true
  backup_retention_period = var.retention_days
}
