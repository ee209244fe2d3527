resource "aws_eks_cluster" "main" { # expect: IG-AWS-EKS-002
  name     = "main"
  role_arn = aws_iam_role.cluster.arn

  vpc_config {
    subnet_ids = var.subnet_ids
  }
}

resource "aws_eks_cluster" "partial" {
  name                      = "partial"
  role_arn                  = aws_iam_role.cluster.arn
  enabled_cluster_log_types = ["api", "scheduler"] # expect: IG-AWS-EKS-002

  vpc_config {
    subnet_ids = var.subnet_ids
  }
}
