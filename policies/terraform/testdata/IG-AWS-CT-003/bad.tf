resource "aws_cloudtrail" "main" { # expect: IG-AWS-CT-003
  name                       = "main"
  s3_bucket_name             = aws_s3_bucket.trail.id
  is_multi_region_trail      = true
  enable_log_file_validation = true
}
