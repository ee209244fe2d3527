variable "n" {}

resource "aws_subnet" "a" {
  for_each   = toset(["x"])
  cidr_block = "10.0.0.0/24"
}
