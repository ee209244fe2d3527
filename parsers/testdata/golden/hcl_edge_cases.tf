locals {
  a = "a-${var.x}"
  b = "plain"
  c = <<EOT
hello
world
EOT
  d = <<-EOT
    x ${var.y}
    %{if var.z}yes%{else}no%{endif}
  EOT
  e = -1
  f = -var.x
  g = null
  h = 1.50
  i = { "k" = 1, k2 = 2, (var.k) = 3, a.b = 4, 5 = 6, "${var.q}" = 7 }
  j = [for s in var.l : upper(s)]
  k = var.c ? 1 : 2
  l = "${var.only}"
  m = "${1}"
  n = "$${not}"
  o = (var.p)
  p = upper(var.a)
  q = "%{for k, v in var.m}${k}=${v},%{endfor}"
  r = 1e3
  s = !true
}
variable "v" { type = string }
locals { z = 1 }
resource "a" "b" {
  dynamic "x" {
    for_each = var.l
    content { y = x.value }
  }
}
terraform { required_version = ">= 1.0" }
