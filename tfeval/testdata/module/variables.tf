variable "acl" {
  default = "private"
}

variable "env" {
  type    = string
  default = "dev"
}

variable "ports" {
  type    = list(number)
  default = [22, 443, 8080]
}

variable "cidr" {
  type = string
}
