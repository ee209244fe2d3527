provider "aws" {
  region     = "eu-west-1"
  access_key = "AKIAEXAMPLEEXAMPLE00" # expect: IG-AWS-SECRET-001
  secret_key = "example/secret/key/for/tests/only" # expect: IG-AWS-SECRET-001
}

resource "aws_db_instance" "db" {
  identifier        = "app"
  engine            = "postgres"
  instance_class    = "db.t4g.micro"
  username          = "app"
  password          = "correct-horse-battery" # expect: IG-AWS-SECRET-001
  storage_encrypted = true
}

resource "aws_ssm_parameter" "token" {
  name  = "/app/token"
  type  = "SecureString"
  value = "tok-123456" # expect: IG-AWS-SECRET-001
}

resource "aws_secretsmanager_secret_version" "api" {
  secret_id     = aws_secretsmanager_secret.api.id
  secret_string = "{\"key\": \"v\"}" # expect: IG-AWS-SECRET-001
}
