resource "aws_cloudtrail" "main" { # expect: IG-AWS-CT-002
  name                  = "main"
  s3_bucket_name        = aws_s3_bucket.trail.id
  is_multi_region_trail = true
  kms_key_id            = aws_kms_key.trail.arn
}

resource "aws_cloudtrail" "org" {
  name                       = "org"
  s3_bucket_name             = aws_s3_bucket.trail.id
  is_multi_region_trail      = true
  kms_key_id                 = aws_kms_key.trail.arn
  enable_log_file_validation = false # expect: IG-AWS-CT-002
}
