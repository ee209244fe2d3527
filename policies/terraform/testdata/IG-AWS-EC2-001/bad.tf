resource "aws_instance" "web" { # expect: IG-AWS-EC2-001
  ami           = data.aws_ami.al2023.id
  instance_type = "t3.micro"
}

resource "aws_instance" "worker" {
  ami           = data.aws_ami.al2023.id
  instance_type = "t3.micro"

  metadata_options {
    http_endpoint = "enabled"
    http_tokens   = "optional" # expect: IG-AWS-EC2-001
  }
}

resource "aws_launch_template" "app" {
  name_prefix   = "app-"
  image_id      = data.aws_ami.al2023.id
  instance_type = "t3.small"

  metadata_options { # expect: IG-AWS-EC2-001
    http_endpoint               = "enabled"
    http_put_response_hop_limit = 1
  }
}
