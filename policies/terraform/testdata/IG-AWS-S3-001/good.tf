variable "acl" {
  type    = string
  default = "private"
}

resource "aws_s3_bucket" "data" {
  bucket = "example-data"
}

resource "aws_s3_bucket_acl" "data" {
  bucket = aws_s3_bucket.data.id
  acl    = "private"
}

resource "aws_s3_bucket_acl" "configurable" {
  bucket = aws_s3_bucket.data.id
  acl    = var.acl
}

resource "aws_s3_bucket_acl" "logs" {
  bucket = aws_s3_bucket.data.id
  acl    = "log-delivery-write"
}
