resource "aws_sns_topic" "events" {
  name              = "events"
  kms_master_key_id = aws_kms_key.sns.id
}
