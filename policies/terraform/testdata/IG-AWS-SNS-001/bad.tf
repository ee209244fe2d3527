resource "aws_sns_topic" "events" { # expect: IG-AWS-SNS-001
  name = "events"
}
