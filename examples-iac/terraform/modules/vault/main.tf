variable "name" {
  type = string
}

variable "resource_group_name" {
  type = string
}

variable "tenant_id" {
  type = string
}

variable "purge_protection" {
  type    = bool
  default = true
}

resource "azurerm_key_vault" "this" {
  name                     = var.name
  location                 = "westeurope"
  resource_group_name      = var.resource_group_name
  tenant_id                = var.tenant_id
  sku_name                 = "standard"
  purge_protection_enabled = var.purge_protection
}

output "id" {
  value = azurerm_key_vault.this.id
}
