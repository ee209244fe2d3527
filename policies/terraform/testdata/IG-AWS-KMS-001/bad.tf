resource "aws_kms_key" "data" { # expect: IG-AWS-KMS-001
  description             = "application data"
  deletion_window_in_days = 30
}

resource "aws_kms_key" "logs" {
  description         = "logs"
  enable_key_rotation = false # expect: IG-AWS-KMS-001
}
