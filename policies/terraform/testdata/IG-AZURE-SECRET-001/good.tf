provider "azurerm" {
  features {}
  use_oidc = true
}

resource "azurerm_mssql_server" "sql" {
  name                         = "sql"
  resource_group_name          = azurerm_resource_group.main.name
  location                     = azurerm_resource_group.main.location
  version                      = "12.0"
  administrator_login          = "sqladmin"
  administrator_login_password = data.azurerm_key_vault_secret.sql.value
  minimum_tls_version          = "1.2"
}

resource "azurerm_key_vault_secret" "generated" {
  name         = "generated"
  value        = random_password.generated.result
  key_vault_id = azurerm_key_vault.main.id
}
