resource "aws_efs_file_system" "shared" { # expect: IG-AWS-EFS-001
  creation_token = "shared"
}

resource "aws_efs_file_system" "home" {
  creation_token = "home"
  encrypted      = false # expect: IG-AWS-EFS-001
}
