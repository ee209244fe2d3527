resource "aws_s3_bucket" "data" { # expect: IG-AWS-S3-007
  bucket = "example-data"
}
