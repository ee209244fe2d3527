data "aws_iam_policy_document" "deployer" {
  statement {
    actions   = ["ec2:Describe*"]
    resources = ["*"]
  }

  statement {
    actions   = ["s3:*"]
    resources = ["arn:aws:s3:::example-artifacts", "arn:aws:s3:::example-artifacts/*"]
  }
}
