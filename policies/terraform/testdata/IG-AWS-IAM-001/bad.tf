resource "aws_iam_policy" "admin" {
  name   = "admin"
  policy = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}]}" # expect: IG-AWS-IAM-001
}

data "aws_iam_policy_document" "ci" {
  statement {
    sid       = "ReadArtifacts"
    actions   = ["s3:GetObject"]
    resources = ["arn:aws:s3:::example-artifacts/*"]
  }

  statement {
    sid       = "Everything"
    actions   = ["*"] # expect: IG-AWS-IAM-001
    resources = ["*"]
  }
}
