module "net" {
  source = "./modules/net"
}

module "remote" {
  source = "terraform-aws-modules/vpc/aws"
}

resource "aws_s3_bucket" "logs" {
  bucket = "logs"
}

data "aws_iam_policy_document" "p" {}
