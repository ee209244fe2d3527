resource "aws_s3_bucket" "data" {
  bucket = "example-data"
}

resource "aws_s3_bucket_public_access_block" "data" {
  bucket                  = aws_s3_bucket.data.id
  block_public_acls       = true
  block_public_policy     = false # expect: IG-AWS-S3-003
  ignore_public_acls      = true
  restrict_public_buckets = false # expect: IG-AWS-S3-003
}

resource "aws_s3_account_public_access_block" "account" { # expect: IG-AWS-S3-003
  block_public_acls   = true
  block_public_policy = true
}
