resource "aws_security_group" "wide_open" {
  name = "wide-open"

  ingress {
    from_port        = 0
    to_port          = 0
    protocol         = "-1"
    cidr_blocks      = ["0.0.0.0/0"] # expect: IG-AWS-SG-003
    ipv6_cidr_blocks = ["::/0"]      # expect: IG-AWS-SG-003
  }
}

resource "aws_security_group_rule" "all_tcp" {
  type              = "ingress"
  security_group_id = aws_security_group.wide_open.id
  from_port         = 0
  to_port           = 65535
  protocol          = "tcp"
  cidr_blocks       = ["0.0.0.0/0"] # expect: IG-AWS-SG-003
}

resource "aws_vpc_security_group_ingress_rule" "all" {
  security_group_id = aws_security_group.wide_open.id
  cidr_ipv4         = "0.0.0.0/0" # expect: IG-AWS-SG-003
  ip_protocol       = "-1"
}
