resource "azurerm_storage_account" "v3" {
  name                     = "examplev3"
  resource_group_name      = azurerm_resource_group.main.name
  location                 = azurerm_resource_group.main.location
  account_tier             = "Standard"
  account_replication_type = "GRS"
  enable_https_traffic_only = false # expect: IG-AZURE-STORAGE-001
}


resource "azurerm_storage_account" "v4" {
  name                     = "examplev4"
  resource_group_name      = azurerm_resource_group.main.name
  location                 = azurerm_resource_group.main.location
  account_tier             = "Standard"
  account_replication_type = "GRS"
  https_traffic_only_enabled = false # expect: IG-AZURE-STORAGE-001
}
