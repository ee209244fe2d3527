resource "aws_security_group" "db" {
  name = "database"

  ingress {
    description = "PostgreSQL"
    from_port   = 5432
    to_port     = 5432
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"] # expect: IG-AWS-SG-004
  }
}

resource "aws_security_group_rule" "redis" {
  type              = "ingress"
  security_group_id = aws_security_group.db.id
  from_port         = 6379
  to_port           = 6379
  protocol          = "tcp"
  cidr_blocks       = ["0.0.0.0/0"] # expect: IG-AWS-SG-004
}

resource "aws_vpc_security_group_ingress_rule" "mysql" {
  security_group_id = aws_security_group.db.id
  cidr_ipv4         = "0.0.0.0/0" # expect: IG-AWS-SG-004
  from_port         = 3306
  ip_protocol       = "tcp"
  to_port           = 3306
}
