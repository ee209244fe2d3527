resource "aws_cloudtrail" "main" { # expect: IG-AWS-CT-001
  name                       = "main"
  s3_bucket_name             = aws_s3_bucket.trail.id
  enable_log_file_validation = true
  kms_key_id                 = aws_kms_key.trail.arn
}

resource "aws_cloudtrail" "secondary" {
  name                       = "secondary"
  s3_bucket_name             = aws_s3_bucket.trail.id
  enable_log_file_validation = true
  kms_key_id                 = aws_kms_key.trail.arn
  is_multi_region_trail      = false # expect: IG-AWS-CT-001
}
