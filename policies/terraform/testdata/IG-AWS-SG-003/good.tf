resource "aws_security_group" "internal" {
  name = "internal"

  ingress {
    from_port = 0
    to_port   = 0
    protocol  = "-1"
    self      = true
  }

  egress {
    from_port   = 0
    to_port     = 0
    protocol    = "-1"
    cidr_blocks = ["0.0.0.0/0"]
  }
}

resource "aws_vpc_security_group_ingress_rule" "vpc" {
  security_group_id = aws_security_group.internal.id
  cidr_ipv4         = "10.0.0.0/16"
  ip_protocol       = "-1"
}
