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

resource "aws_iam_policy" "all_but_iam" {
  name   = "all-but-iam"
  policy = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"NotAction\":\"iam:*\",\"Resource\":\"*\"}]}" # expect: IG-AWS-IAM-001
}

data "aws_iam_policy_document" "all_but_iam" {
  statement {
    not_actions = ["iam:*"] # expect: IG-AWS-IAM-001
    resources   = ["*"]
  }
}
