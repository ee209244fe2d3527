variable "admin_ports" {
  default = [22]
}

resource "aws_security_group" "bastion" {
  name = "bastion"

  dynamic "ingress" {
    for_each = var.admin_ports
    content {
      from_port   = 22
      to_port     = 22
      protocol    = "tcp"
      cidr_blocks = ["0.0.0.0/0"] # expect: IG-AWS-SG-001
    }
  }

  # Values from the iterator are unknown to a static read: not reported.
  dynamic "ingress" {
    for_each = var.rules
    content {
      from_port   = ingress.value.port
      to_port     = ingress.value.port
      protocol    = "tcp"
      cidr_blocks = ingress.value.cidrs
    }
  }
}
