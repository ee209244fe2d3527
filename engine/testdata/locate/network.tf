resource "aws_security_group" "bastion" {
  name = "bastion"

  ingress {
    from_port   = 443
    to_port     = 443
    cidr_blocks = ["0.0.0.0/0"]
  }

  ingress {
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = ["10.0.0.0/8", "0.0.0.0/0"]
  }
}

resource "aws_db_instance" "main" {
  engine         = "postgres"
  instance_class = "db.t3.micro"
}

resource "aws_db_instance" "replica" {
  engine            = "postgres"
  storage_encrypted = false
}

resource "aws_db_instance" "ok" {
  engine            = "postgres"
  storage_encrypted = true
}
