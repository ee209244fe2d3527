resource "aws_db_instance" "app" {
  identifier        = "app"
  engine            = "mysql"
  instance_class    = "db.t3.micro"
  allocated_storage = 20
  storage_encrypted = true
  kms_key_id        = aws_kms_key.rds.arn
}

resource "aws_db_instance" "replica" {
  identifier          = "app-replica"
  instance_class      = "db.t3.micro"
  replicate_source_db = aws_db_instance.app.identifier
}

resource "aws_rds_cluster" "main" {
  cluster_identifier = "main"
  engine             = "aurora-postgresql"
  master_username    = "app"
  storage_encrypted  = var.encrypt
}
