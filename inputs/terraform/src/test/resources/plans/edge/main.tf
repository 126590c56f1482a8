variable "secret_admin" {
  type      = string
  sensitive = true
}

data "azurerm_key_vault_key" "shared" {
  name         = "shared-cmk"
  key_vault_id = "/subscriptions/6f1c2d3e-2222-4aaa-8bbb-00000000a002/resourceGroups/rg-shared/providers/Microsoft.KeyVault/vaults/kv-shared"
  depends_on   = [azurerm_key_vault.kv]
}

resource "azurerm_key_vault" "kv" {
  count                     = 2
  name                      = "kv-edge-${count.index}"
  location                  = "westeurope"
  resource_group_name       = "rg-edge"
  tenant_id                 = "9c4a2e71-6b0d-4c8e-9f3a-5d21e7b84c10"
  sku_name                  = "standard"
  purge_protection_enabled  = true
  enable_rbac_authorization = count.index == 1

  tags = {
    note = "braces } in \"strings\" and ${format("%s}", "templates")} do not end the block {"
  }

  /* a comment with a brace {
     over two lines */
  access_policy {
    tenant_id       = "9c4a2e71-6b0d-4c8e-9f3a-5d21e7b84c10"
    object_id       = var.secret_admin # sensitive: never printed
    key_permissions = ["Get"]
  }
}

resource "azurerm_key_vault_key" "pinned" {
  count        = 2
  name         = "cmk"
  key_vault_id = azurerm_key_vault.kv[count.index].id
  key_type     = "RSA"
  key_size     = 2048
  key_opts     = ["wrapKey", "unwrapKey"]
}

resource "azurerm_recovery_services_vault" "pinned" {
  name                = "rsv-pinned"
  location            = "westeurope"
  resource_group_name = "rg-edge"
  sku                 = "Standard"

  identity {
    type = "SystemAssigned"
  }

  encryption {
    key_id                            = azurerm_key_vault_key.pinned[0].id
    infrastructure_encryption_enabled = false
  }
}

resource "azurerm_recovery_services_vault" "external_key" {
  name                = "rsv-external-key"
  location            = "westeurope"
  resource_group_name = "rg-edge"
  sku                 = "Standard"

  identity {
    type = "SystemAssigned"
  }

  encryption {
    key_id                            = data.azurerm_key_vault_key.shared.versionless_id
    infrastructure_encryption_enabled = true
  }
}

module "keys" {
  source       = "./modules/keys"
  key_vault_id = azurerm_key_vault.kv[1].id
}

resource "azurerm_recovery_services_vault" "via_module" {
  name                = "rsv-via-module"
  location            = "westeurope"
  resource_group_name = "rg-edge"
  sku                 = "Standard"

  identity {
    type = "SystemAssigned"
  }

  encryption {
    key_id                            = module.keys.key_id
    infrastructure_encryption_enabled = true
  }
}

resource "azurerm_role_assignment" "via_module_reads_key" {
  scope                = azurerm_key_vault.kv[1].id
  role_definition_name = "Key Vault Crypto Service Encryption User"
  principal_id         = azurerm_recovery_services_vault.via_module.identity[0].principal_id
}

resource "azapi_resource" "vault" {
  type      = "Microsoft.KeyVault/vaults@2023-07-01"
  name      = "kv-azapi"
  parent_id = "/subscriptions/6f1c2d3e-1111-4aaa-8bbb-00000000a001/resourceGroups/rg-edge"
  location  = "westeurope"
  body = {
    properties = {
      tenantId              = "9c4a2e71-6b0d-4c8e-9f3a-5d21e7b84c10"
      sku                   = { family = "A", name = "standard" }
      enableSoftDelete      = true
      enablePurgeProtection = false
      accessPolicies        = []
    }
  }
}

resource "azurerm_key_vault" "existing" {
  name                     = "kv-existing"
  location                 = "westeurope"
  resource_group_name      = "rg-edge"
  tenant_id                = "9c4a2e71-6b0d-4c8e-9f3a-5d21e7b84c10"
  sku_name                 = "standard"
  purge_protection_enabled = false
}
