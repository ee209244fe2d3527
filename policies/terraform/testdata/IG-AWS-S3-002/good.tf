resource "aws_s3_bucket" "site" {
  bucket = "example-site"
}

resource "aws_s3_bucket_policy" "site" {
  bucket = aws_s3_bucket.site.id
  policy = <<POLICY
{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Principal": {"AWS": "arn:aws:iam::123456789012:role/reader"},
      "Action": "s3:GetObject",
      "Resource": "arn:aws:s3:::example-site/*"
    },
    {
      "Effect": "Allow",
      "Principal": "*",
      "Action": "s3:GetObject",
      "Resource": "arn:aws:s3:::example-site/*",
      "Condition": {"StringEquals": {"aws:SourceVpce": "vpce-1a2b3c4d"}}
    }
  ]
}
POLICY
}

resource "aws_s3_bucket_policy" "generated" {
  bucket = aws_s3_bucket.site.id
  policy = data.aws_iam_policy_document.site.json
}
