resource "aws_db_instance" "app" { # expect: IG-AWS-RDS-002
  identifier        = "app"
  engine            = "mysql"
  instance_class    = "db.t3.micro"
  allocated_storage = 20
}

resource "aws_rds_cluster" "main" {
  cluster_identifier = "main"
  engine             = "aurora-postgresql"
  master_username    = "app"
  storage_encrypted  = false # expect: IG-AWS-RDS-002
}
