resource "aws_ebs_volume" "data" { # expect: IG-AWS-EBS-001
  availability_zone = "eu-west-1a"
  size              = 100
}

resource "aws_ebs_volume" "logs" {
  availability_zone = "eu-west-1a"
  size              = 50
  encrypted         = false # expect: IG-AWS-EBS-001
}
