# Backups of the payments platform: one Recovery Services vault encrypted with a customer-managed key, and one
# left on platform keys (the finding lensix should stop at the pull request).

terraform {
  required_providers {
    azurerm = {
      source  = "hashicorp/azurerm"
      version = "~> 4.0"
    }
  }
}

provider "azurerm" {
  features {}
  subscription_id = "6f1c2d3e-1111-4aaa-8bbb-00000000a001"
}

data "azurerm_client_config" "current" {}

resource "azurerm_resource_group" "backup" {
  name     = "rg-backup"
  location = "westeurope"
}

resource "azurerm_key_vault" "backup" {
  name                       = "kv-backup-cmk"
  location                   = azurerm_resource_group.backup.location
  resource_group_name        = azurerm_resource_group.backup.name
  tenant_id                  = data.azurerm_client_config.current.tenant_id
  sku_name                   = "premium"
  soft_delete_retention_days = 90
  purge_protection_enabled   = true

  access_policy {
    tenant_id       = data.azurerm_client_config.current.tenant_id
    object_id       = data.azurerm_client_config.current.object_id
    key_permissions = ["Get", "List", "Create", "Delete", "GetRotationPolicy", "SetRotationPolicy"]
  }
}

resource "azurerm_key_vault_key" "backup" {
  name         = "backup-cmk"
  key_vault_id = azurerm_key_vault.backup.id
  key_type     = "RSA"
  key_size     = 3072
  key_opts     = ["wrapKey", "unwrapKey"]

  rotation_policy {
    automatic {
      time_before_expiry = "P30D"
    }
    expire_after         = "P365D"
    notify_before_expiry = "P29D"
  }
}

resource "azurerm_recovery_services_vault" "protected" {
  name                = "rsv-payments"
  location            = azurerm_resource_group.backup.location
  resource_group_name = azurerm_resource_group.backup.name
  sku                 = "Standard"

  identity {
    type = "SystemAssigned"
  }

  encryption {
    key_id                            = azurerm_key_vault_key.backup.versionless_id
    infrastructure_encryption_enabled = true
    use_system_assigned_identity      = true
  }
}

resource "azurerm_key_vault_access_policy" "vault_reads_key" {
  key_vault_id    = azurerm_key_vault.backup.id
  tenant_id       = data.azurerm_client_config.current.tenant_id
  object_id       = azurerm_recovery_services_vault.protected.identity[0].principal_id
  key_permissions = ["Get", "WrapKey", "UnwrapKey"]
}

resource "azurerm_log_analytics_workspace" "security" {
  name                = "law-security"
  location            = azurerm_resource_group.backup.location
  resource_group_name = azurerm_resource_group.backup.name
}

resource "azurerm_monitor_diagnostic_setting" "key_vault_audit" {
  name                       = "audit-to-law"
  target_resource_id         = azurerm_key_vault.backup.id
  log_analytics_workspace_id = azurerm_log_analytics_workspace.security.id

  enabled_log {
    category_group = "audit"
  }
}

resource "azurerm_recovery_services_vault" "legacy" {
  name                = "rsv-legacy"
  location            = azurerm_resource_group.backup.location
  resource_group_name = azurerm_resource_group.backup.name
  sku                 = "Standard"
}

module "team_vaults" {
  source   = "./modules/vault"
  for_each = { analytics = true, sandbox = false }

  name                = "kv-${each.key}-secrets"
  resource_group_name = azurerm_resource_group.backup.name
  tenant_id           = data.azurerm_client_config.current.tenant_id
  purge_protection    = each.value
}
