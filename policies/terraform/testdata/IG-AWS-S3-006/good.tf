resource "aws_s3_bucket" "legacy" {
  bucket = "example-legacy"

  versioning {
    enabled = true
  }
}

resource "aws_s3_bucket" "current" {
  bucket = "example-current"
}

resource "aws_s3_bucket_versioning" "current" {
  bucket = aws_s3_bucket.current.id

  versioning_configuration {
    status = var.versioning_status
  }
}
