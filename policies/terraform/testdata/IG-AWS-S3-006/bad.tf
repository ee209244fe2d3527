resource "aws_s3_bucket" "nothing" { # expect: IG-AWS-S3-006
  bucket = "example-nothing"
}

resource "aws_s3_bucket" "legacy" {
  bucket = "example-legacy"

  versioning {
    enabled = false # expect: IG-AWS-S3-006
  }
}

resource "aws_s3_bucket" "current" {
  bucket = "example-current"
}

resource "aws_s3_bucket_versioning" "current" {
  bucket = aws_s3_bucket.current.id

  versioning_configuration {
    status = "Suspended" # expect: IG-AWS-S3-006
  }
}
