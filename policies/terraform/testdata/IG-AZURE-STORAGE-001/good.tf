resource "azurerm_storage_account" "main" {
  name                     = "examplemain"
  resource_group_name      = azurerm_resource_group.main.name
  location                 = azurerm_resource_group.main.location
  account_tier             = "Standard"
  account_replication_type = "GRS"
  https_traffic_only_enabled = true
  min_tls_version            = "TLS1_2"
}
