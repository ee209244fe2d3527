resource "aws_s3_bucket" "artifacts" { # expect: IG-AWS-S3-004
  bucket = "example-artifacts"
}

resource "aws_s3_bucket" "reports" { # expect: IG-AWS-S3-004
  bucket = "example-reports"
}

resource "aws_s3_bucket" "covered" {
  bucket = "example-covered"
}

resource "aws_s3_bucket_public_access_block" "covered" {
  bucket                  = aws_s3_bucket.covered.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}
