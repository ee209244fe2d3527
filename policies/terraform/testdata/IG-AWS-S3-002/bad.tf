resource "aws_s3_bucket" "site" {
  bucket = "example-site"
}

resource "aws_s3_bucket_policy" "site" {
  bucket = aws_s3_bucket.site.id
  policy = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"PublicRead\",\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::example-site/*\"}]}" # expect: IG-AWS-S3-002
}

resource "aws_s3_bucket" "legacy" {
  bucket = "example-legacy"
  policy = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"*\"},\"Action\":\"s3:*\",\"Resource\":\"arn:aws:s3:::example-legacy/*\"}]}" # expect: IG-AWS-S3-002
}
