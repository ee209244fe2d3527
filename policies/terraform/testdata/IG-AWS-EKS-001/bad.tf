resource "aws_eks_cluster" "default" {
  name     = "default"
  role_arn = aws_iam_role.cluster.arn

  vpc_config { # expect: IG-AWS-EKS-001
    subnet_ids = var.subnet_ids
  }
}

resource "aws_eks_cluster" "open" {
  name     = "open"
  role_arn = aws_iam_role.cluster.arn

  vpc_config {
    subnet_ids             = var.subnet_ids
    endpoint_public_access = true
    public_access_cidrs    = ["0.0.0.0/0"] # expect: IG-AWS-EKS-001
  }
}
