resource "azurerm_kubernetes_cluster" "private" {
  name                    = "private"
  location                = "westeurope"
  resource_group_name     = "rg"
  dns_prefix              = "private"
  private_cluster_enabled = true
}

resource "azurerm_kubernetes_cluster" "limited" {
  name                = "limited"
  location            = "westeurope"
  resource_group_name = "rg"
  dns_prefix          = "limited"

  api_server_access_profile {
    authorized_ip_ranges = ["203.0.113.0/24"]
  }
}

resource "azurerm_kubernetes_cluster" "from_variable" {
  name                    = "var"
  location                = "westeurope"
  resource_group_name     = "rg"
  dns_prefix              = "var"
  private_cluster_enabled = var.private
}
