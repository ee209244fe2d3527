resource "aws_s3_bucket" "legacy" {
  bucket = "example-legacy"

  server_side_encryption_configuration {
    rule {
      apply_server_side_encryption_by_default {
        sse_algorithm = "AES256"
      }
    }
  }
}

resource "aws_s3_bucket" "current" {
  bucket = "example-current"
}

resource "aws_s3_bucket_server_side_encryption_configuration" "current" {
  bucket = aws_s3_bucket.current.bucket

  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm     = "aws:kms"
      kms_master_key_id = aws_kms_key.s3.arn
    }
  }
}
