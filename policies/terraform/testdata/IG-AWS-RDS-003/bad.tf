resource "aws_db_instance" "scratch" {
  identifier              = "scratch"
  engine                  = "postgres"
  instance_class          = "db.t3.micro"
  allocated_storage       = 20
  storage_encrypted       = true
  backup_retention_period = 0 # expect: IG-AWS-RDS-003
}
