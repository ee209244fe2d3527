resource "aws_s3_bucket" "artifacts" { # expect: IG-AWS-S3-005
  bucket = "example-artifacts"
}

resource "aws_s3_bucket" "encrypted" {
  bucket = "example-encrypted"
}

resource "aws_s3_bucket_server_side_encryption_configuration" "encrypted" {
  bucket = aws_s3_bucket.encrypted.id

  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "aws:kms"
    }
  }
}
