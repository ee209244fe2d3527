resource "aws_iam_role_policy" "app" {
  name   = "app"
  role   = aws_iam_role.app.id
  policy = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":\"*\"}]}" # expect: IG-AWS-IAM-002
}

data "aws_iam_policy_document" "deployer" {
  statement {
    actions   = ["iam:*", "sts:AssumeRole"]
    resources = ["*"] # expect: IG-AWS-IAM-002
  }
}
