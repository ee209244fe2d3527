resource "aws_s3_bucket" "logs" {
  bucket = "logs"
  acl    = "public-read"

  tags = {
    team = "infra"
  }
}

resource "aws_s3_bucket" "private" {
  bucket = "private"
  acl    = "private"
}

resource "aws_s3_bucket" "assets" {
  bucket = "assets"
  acl    = "public-read-write"
}
