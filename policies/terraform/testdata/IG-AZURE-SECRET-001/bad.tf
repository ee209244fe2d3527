provider "azurerm" {
  features {}
  client_id     = "00000000-0000-0000-0000-000000000000"
  client_secret = "example-client-secret" # expect: IG-AZURE-SECRET-001
}

resource "azurerm_mssql_server" "sql" {
  name                         = "sql"
  resource_group_name          = azurerm_resource_group.main.name
  location                     = azurerm_resource_group.main.location
  version                      = "12.0"
  administrator_login          = "sqladmin"
  administrator_login_password = "P@ssw0rd-example" # expect: IG-AZURE-SECRET-001
  minimum_tls_version          = "1.2"
}

resource "azurerm_virtual_machine" "legacy" {
  name                  = "legacy"
  location              = azurerm_resource_group.main.location
  resource_group_name   = azurerm_resource_group.main.name
  network_interface_ids = [azurerm_network_interface.main.id]
  vm_size               = "Standard_B2s"

  os_profile {
    computer_name  = "legacy"
    admin_username = "azureuser"
    admin_password = "example-Passw0rd" # expect: IG-AZURE-SECRET-001
  }
}
