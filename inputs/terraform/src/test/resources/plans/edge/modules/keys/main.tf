variable "key_vault_id" {
  type = string
}

resource "azurerm_key_vault_key" "this" {
  name         = "module-cmk"
  key_vault_id = var.key_vault_id
  key_type     = "RSA-HSM"
  key_size     = 3072
  key_opts     = ["wrapKey", "unwrapKey"]

  dynamic "rotation_policy" {
    for_each = [1]
    content {
      automatic {
        time_after_create = "P90D"
      }
      expire_after = <<-EOT
        P1Y
      EOT
    }
  }
}

output "key_id" {
  value = azurerm_key_vault_key.this.versionless_id
}
