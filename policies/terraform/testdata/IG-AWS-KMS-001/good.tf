resource "aws_kms_key" "data" {
  description             = "application data"
  deletion_window_in_days = 30
  enable_key_rotation     = true
}

resource "aws_kms_key" "signing" {
  description              = "code signing"
  key_usage                = "SIGN_VERIFY"
  customer_master_key_spec = "RSA_4096"
}
