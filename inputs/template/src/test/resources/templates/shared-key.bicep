// A vault encrypted with a key kept in a shared Key Vault deployed elsewhere, and one with a key from a module.
@description('Where the vaults live.')
param location string = resourceGroup().location
param keyVaultName string = 'kv-shared-keys'
param existingKeyName string = 'shared-cmk'

resource uai 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: 'id-backup'
  location: location
}

resource sharedVault 'Microsoft.KeyVault/vaults@2023-07-01' existing = {
  name: keyVaultName

  resource sharedKey 'keys' existing = {
    name: existingKeyName
  }
}

resource vault 'Microsoft.RecoveryServices/vaults@2024-04-01' = {
  name: 'rsv-shared-key'
  location: location
  sku: {
    name: 'Standard'
  }
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${uai.id}': {}
    }
  }
  properties: {
    encryption: {
      keyVaultProperties: {
        keyUri: sharedVault::sharedKey.properties.keyUriWithVersion
      }
      kekIdentity: {
        userAssignedIdentity: uai.id
      }
    }
  }
}

// Key Vault Crypto Service Encryption User, for the identity, on the shared vault
resource keyUser 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(sharedVault.id, uai.id, 'e147488a-f6f5-4113-8e2d-b22465e65bf6')
  scope: sharedVault
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', 'e147488a-f6f5-4113-8e2d-b22465e65bf6')
    principalId: uai.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

module keys 'modules/keyvault.bicep' = {
  name: 'keys'
  params: {
    vaultName: 'kv-module-keys'
  }
}

resource moduleVault 'Microsoft.RecoveryServices/vaults@2024-04-01' = {
  name: 'rsv-module-key'
  location: location
  sku: { name: 'Standard' }
  identity: { type: 'SystemAssigned' }
  properties: {
    encryption: {
      keyVaultProperties: {
        keyUri: keys.outputs.keyUri
      }
      kekIdentity: {
        useSystemAssignedIdentity: true
      }
    }
  }
}
