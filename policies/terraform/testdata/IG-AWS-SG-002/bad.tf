resource "aws_security_group" "windows" {
  name = "windows"

  ingress {
    from_port   = 3389
    to_port     = 3389
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"] # expect: IG-AWS-SG-002
  }
}

resource "aws_vpc_security_group_ingress_rule" "rdp" {
  security_group_id = aws_security_group.windows.id
  cidr_ipv6         = "::/0" # expect: IG-AWS-SG-002
  from_port         = 3389
  ip_protocol       = "tcp"
  to_port           = 3389
}
