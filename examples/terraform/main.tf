# An example stack with problems the built-in library finds.
# Run: go run . check examples/

resource "aws_s3_bucket" "logs" {
  bucket = "example-logs"
  acl    = "public-read"
}

resource "aws_security_group" "web" {
  name = "web"

  ingress {
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }
}

resource "aws_db_instance" "main" {
  engine              = "postgres"
  instance_class      = "db.t3.micro"
  publicly_accessible = true
  storage_encrypted   = var.encrypt_db # unknown until plan: not reported
}
