variable "env" {
  default = "dev"
}
resource "aws_s3_bucket" "c" {
  bucket = var.env
  versioning {
    enabled = true
  }
  tags = { a = "b" }
  list = [1, "two", var.env]
}
