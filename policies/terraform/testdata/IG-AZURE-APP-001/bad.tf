resource "azurerm_linux_web_app" "app" { # expect: IG-AZURE-APP-001
  name                = "example-app"
  resource_group_name = azurerm_resource_group.main.name
  location            = azurerm_resource_group.main.location
  service_plan_id     = azurerm_service_plan.main.id

  site_config {
    minimum_tls_version = "1.2"
  }
}

resource "azurerm_linux_web_app" "admin" {
  name                = "example-admin"
  resource_group_name = azurerm_resource_group.main.name
  location            = azurerm_resource_group.main.location
  service_plan_id     = azurerm_service_plan.main.id
  https_only          = false # expect: IG-AZURE-APP-001

  site_config {
    minimum_tls_version = "1.2"
  }
}
