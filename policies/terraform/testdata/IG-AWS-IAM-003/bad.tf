resource "aws_iam_role" "anyone" {
  name               = "anyone"
  assume_role_policy = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"*\"},\"Action\":\"sts:AssumeRole\"}]}" # expect: IG-AWS-IAM-003
}

data "aws_iam_policy_document" "queue" {
  statement {
    actions   = ["sqs:SendMessage"]
    resources = [aws_sqs_queue.events.arn]

    principals {
      type        = "AWS"
      identifiers = ["*"] # expect: IG-AWS-IAM-003
    }
  }
}
