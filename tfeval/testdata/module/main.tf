resource "aws_s3_bucket" "logs" {
  bucket = "${local.prefix}-logs"
  acl    = var.acl
  tags   = local.tags

  versioning {
    enabled = var.env == "prod"
  }
}

resource "aws_security_group" "web" {
  name = "web-${aws_s3_bucket.logs.id}"

  dynamic "ingress" {
    for_each = var.ports
    content {
      from_port   = ingress.value
      cidr_blocks = [var.cidr, "10.0.0.0/8"]
    }
  }
}

output "ports" {
  value = [for p in var.ports : p if p < 1024]
}
