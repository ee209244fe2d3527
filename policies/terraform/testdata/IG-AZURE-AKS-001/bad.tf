resource "azurerm_kubernetes_cluster" "main" {
  name                              = "example-aks"
  location                          = azurerm_resource_group.main.location
  resource_group_name               = azurerm_resource_group.main.name
  dns_prefix                        = "example"
  private_cluster_enabled           = true
  role_based_access_control_enabled = false # expect: IG-AZURE-AKS-001

  default_node_pool {
    name       = "default"
    node_count = 2
    vm_size    = "Standard_D2s_v5"
  }

  identity {
    type = "SystemAssigned"
  }
}
