resource "aws_s3_bucket" "data" {
  bucket = "example-data"
}

resource "aws_s3_bucket" "logs" {
  bucket = "example-access-logs"
}

resource "aws_s3_bucket_logging" "data" {
  bucket        = aws_s3_bucket.data.id
  target_bucket = aws_s3_bucket.logs.id
  target_prefix = "data/"
}

resource "aws_s3_bucket" "legacy" {
  bucket = "example-legacy"

  logging {
    target_bucket = aws_s3_bucket.logs.id
    target_prefix = "legacy/"
  }
}
