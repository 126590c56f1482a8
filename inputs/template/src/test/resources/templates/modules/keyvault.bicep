param vaultName string
param location string = resourceGroup().location

resource kv 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: vaultName
  location: location
  properties: {
    tenantId: subscription().tenantId
    sku: {
      family: 'A'
      name: 'premium'
    }
    enableSoftDelete: true
    enablePurgeProtection: true
    enableRbacAuthorization: true
  }

  resource key 'keys' = {
    name: 'backup-cmk'
    properties: {
      kty: 'RSA'
      keySize: 3072
    }
  }
}

output keyUri string = kv::key.properties.keyUri
