locals {
  prefix = lower("${var.env}-Shop")
  tags = merge(local.common, {
    Name = local.prefix
  })
  common = { Team = "platform" }
}
