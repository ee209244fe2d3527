resource "azurerm_kubernetes_cluster" "public" { # expect: IG-AZURE-AKS-002
  name                = "public"
  location            = "westeurope"
  resource_group_name = "rg"
  dns_prefix          = "public"

  default_node_pool {
    name       = "default"
    node_count = 1
    vm_size    = "Standard_D2_v2"
  }
}

resource "azurerm_kubernetes_cluster" "open_range" {
  name                = "open"
  location            = "westeurope"
  resource_group_name = "rg"
  dns_prefix          = "open"

  api_server_access_profile {
    authorized_ip_ranges = ["0.0.0.0/0"] # expect: IG-AZURE-AKS-002
  }
}
